"""drafter: drafts editable Word answers to written parliamentary questions.

The pipeline, one folder per stage, each importing only from the stages before it:

    load/    read and check the register, the data files and the notes
    view/    build the answer's view: figures formatted, tables, notes numbered
    word/    render the Word template and finish the package (the only place of Word XML)
    write/   write it safely, never over a person's edits; manifests, PDF

and the commands on top (`pipeline`, `check`, `batch`, `cli`, `report`); `errors`, `paths`,
`files` and `ooxml` sit below every stage.

Here too: `dataclass`, the one drafter's modules use. It is the standard library's, with
the code of the methods it writes kept between runs, as Python keeps a module's code; and
`kept_file`, `read_kept` and `keep`, the folder and the rules of everything drafter keeps
between runs (`cli` keeps its help text there too).
"""

import _thread
import builtins
import importlib.util
import marshal
import os
import sys

__version__ = "0.1.0"


class _MethodCode:
    """The code of one module's data classes' methods, by their source text; kept in a file
    beside drafter's compiled modules (__pycache__, or PYTHONPYCACHEPREFIX), written when a
    run compiled new ones.

    Python 3.11's dataclasses write each class's __init__, __repr__, __eq__, __hash__,
    __setattr__ and __delattr__ as source text and compile each with exec: about 1 ms a class,
    60 ms for drafter's, in every process. A text compiles to the same code every time, so
    the text is the key and a cache cannot be stale; the interpreter's version is in the file's
    name, as in a .pyc's. One file a module: a command reads only those of the modules it
    imports."""

    #: Beyond this many texts (old versions of classes edited since), keep only a run's own.
    LIMIT = 500

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.code: dict | None = None  # read at the module's first class
        self.used: dict = {}
        self.compiled = 0

    def _read(self) -> dict:
        data = read_kept(self.file)
        return data if isinstance(data, dict) else {}

    def exec(self, source, globals=None, locals=None):
        """What dataclasses calls to turn a method's text into a function: exec, compiled once."""
        if not isinstance(source, str):
            return builtins.exec(source, globals, locals)
        # as exec compiles it in dataclasses, which has no __future__ imports
        code = self.get(source, lambda: compile(source, "<string>", "exec", dont_inherit=True))
        return builtins.exec(code, globals, locals)

    def get(self, key, make):
        """The code kept for `key` (a text, or a tuple of marshal's types), else make() kept.
        A run remembers at most LIMIT of them (a batch's thousands of texts: memory)."""
        if self.code is None:
            self.code = self._read() if self.file else {}
        code = self.code.get(key)
        if code is None:
            code = make()
            if len(self.used) >= self.LIMIT:
                return code
            self.code[key] = code
            if not self.compiled:
                import atexit

                atexit.register(self.save)
            self.compiled += 1
        if len(self.used) < self.LIMIT:
            self.used[key] = code
        return code

    def save(self) -> None:
        if not self.compiled:
            return
        keep(self.file, self.code if len(self.code) <= self.LIMIT else self.used)
        self.compiled = 0


def _cache_folder() -> str | None:
    try:
        return os.path.dirname(importlib.util.cache_from_source(__file__))
    except NotImplementedError:  # an interpreter that keeps no compiled code
        return None


_FOLDER = _cache_folder()
_METHODS: dict[str, _MethodCode] = {}  # by file name
_MAKING = _thread.allocate_lock()  # threading.Lock, without importing threading


def kept_file(name: str) -> str | None:
    """Where drafter keeps `name` between runs: beside its compiled modules, the interpreter's
    version in the file's name as in a .pyc's; None where Python keeps no compiled code."""
    return os.path.join(_FOLDER, f"{name}.{sys.implementation.cache_tag}.marshal") if _FOLDER else None


def read_kept(file: str | None):
    """What `keep` wrote in the file; None when there is none, or it is unreadable or damaged."""
    if file is None:
        return None
    try:
        with open(file, "rb") as f:
            return marshal.loads(f.read())  # marshal.load(f) reads it piece by piece: 6 x slower
    except (OSError, TypeError, EOFError, ValueError):
        return None


def keep(file: str | None, data) -> None:
    """Write data (of marshal's types) for `read_kept`, whole or not at all: several processes
    (a batch's) may write it at the same time. Not where Python writes no bytecode either;
    a folder that cannot be written (a read-only install) is no error: the next run works
    it out again."""
    if file is None or sys.dont_write_bytecode:
        return
    temporary = f"{file}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(file), exist_ok=True)
        with open(temporary, "wb") as f:
            marshal.dump(data, f)
        os.replace(temporary, file)
    except OSError:
        try:
            os.remove(temporary)
        except OSError:
            pass


def _methods(module: str) -> _MethodCode:
    return kept_code(f"{module}.dataclasses")


def kept_code(name: str) -> _MethodCode:
    """Code kept between runs in the file `name`, by what it was compiled from (`get`): the
    data classes' rules, for other compilers too (Jinja2's, in view/jinja.py)."""
    if name not in _METHODS:
        _METHODS[name] = _MethodCode(kept_file(name))
    return _METHODS[name]


def dataclass(cls=None, /, **options):
    """dataclasses.dataclass(cls, **options), the class it makes the same; only its methods'
    code is taken from the cache (dataclasses finds exec in its module before the builtin)."""
    import dataclasses  # here: `drafter --help` needs none (inspect, which it imports, is 10 ms)

    def make(cls):
        with _MAKING:
            vars(dataclasses)["exec"] = _methods(cls.__module__).exec
            try:
                return dataclasses.dataclass(cls, **options)
            finally:
                vars(dataclasses).pop("exec", None)

    return make if cls is None else make(cls)
