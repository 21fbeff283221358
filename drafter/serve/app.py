"""The page's routes: each shows what a command's function returns, or calls it.

- ``/``: the follow-up list (status's rows), with filters and a search over titles;
- ``/problems``: check's report for the whole project, by file;
- ``/q/{zittingsjaar}/{number}``: a question, its texts to edit, check's problems beside the
  field they belong to, its tables as they will print; its actions: draft (answer's .docx),
  mark as sent (sent), verify an edited answer (verify);
- ``/intake``: a question added from its document (intake).

The work of a request is drafter's own, which blocks: it runs in a worker thread, in the
project's language. A user's mistake (a DrafterError) is shown as the CLI shows it, with its
file, place and what to do; nothing is half written, as the commands write nothing half.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter import i18n, paths, places
from drafter.commands import status as st
from drafter.commands.answer import answer
from drafter.commands.bundle import Choice, bundle
from drafter.commands.check import check_project
from drafter.commands.intake import files_of, intake
from drafter.commands.sent import record_sent
from drafter.commands.update import describe as describe_update
from drafter.commands.update import update
from drafter.commands.verify import Verifier
from drafter.errors import DrafterError, Problem, display_path, paths_shown_from
from drafter.files import read_bytes
from drafter.i18n import N_, _, ngettext
from drafter.load import dates
from drafter.pipeline import file_name
from drafter.serve import edit
from drafter.serve.project import ProjectFiles
from drafter.serve.security import CSRF_FIELD, HEADERS, MAX_UPLOAD, SESSION_COOKIE, TOKEN_PARAMETER, Guard
from drafter.view.answer import build_view, load_data
from drafter.view.figures import strip_marks

HERE = Path(__file__).resolve().parent
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: The kinds of file a page accepts: an answer to verify; a question's document to take in.
ANSWER_SUFFIXES = (".docx",)
QUESTION_SUFFIXES = (".docx", ".pdf", ".txt", ".json")
#: What is served before signing in: the style sheet and script of the sign-in page, nothing of the project.
PUBLIC = frozenset({"/static/drafter.css", "/static/drafter.js"})


@dataclass(frozen=True)
class Site:
    """What every request needs: the project, the guard, the page templates."""

    files: ProjectFiles
    guard: Guard
    pages: Environment
    today: object  # a function returning today's date (tests give their own day)
    language: str  # the language of every page: the one the command runs in
    page_size: int = 100  # the follow-up list's rows on one page

    @property
    def project(self) -> paths.Project:
        return self.files.project


def _pages() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    # a table's cells hold the marks the Word stage turns into bookmarks: the page shows the text
    env.globals.update(_=lambda text: _(text), ngettext=lambda a, b, n: ngettext(a, b, n), plain=strip_marks)
    return env


# --------------------------------------------------------------------------- security, on every request


class Checks(BaseHTTPMiddleware):
    """The guard's checks before any route: Host, the session (or the one-time token), and for a
    change its Origin and size. Every response gets the guard's headers."""

    async def dispatch(self, request: Request, call_next) -> Response:
        guard: Guard = request.app.state.site.guard
        response = await self._checked(request, call_next, guard)
        for name, value in HEADERS.items():
            response.headers[name] = value
        return response

    async def _checked(self, request: Request, call_next, guard: Guard) -> Response:
        host = request.headers.get("host")
        if not guard.host_ok(host):
            return PlainTextResponse(_said(request, N_("This address is not served here.")), status_code=421)
        if request.method not in ("GET", "HEAD", "POST"):
            return PlainTextResponse(_said(request, N_("Method not allowed.")), status_code=405)
        if request.method == "POST":
            if not guard.origin_ok(request.headers.get("origin"), host):
                return PlainTextResponse(_said(request, N_("Changes are accepted only from drafter's own page.")),
                                         status_code=403)
            length = request.headers.get("content-length")
            if length is None or not length.isdigit():
                return PlainTextResponse(_said(request, N_("A change must say its size.")), status_code=411)
            if int(length) > MAX_UPLOAD:
                return PlainTextResponse(_said(request, N_("Files larger than {size} MB are not accepted.")).format(
                    size=MAX_UPLOAD // (1024 * 1024)), status_code=413)
        if guard.session_ok(request.cookies.get(SESSION_COOKIE)):
            return await call_next(request)
        if request.method == "GET" and request.url.path in PUBLIC:  # the sign-in page's own style, no project data
            return await call_next(request)
        if request.method == "GET" and guard.token_ok(request.query_params.get(TOKEN_PARAMETER)):
            kept = [(k, v) for k, v in request.query_params.multi_items() if k != TOKEN_PARAMETER]
            target = request.url.path + (f"?{urlencode(kept)}" if kept else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(SESSION_COOKIE, guard.session, httponly=True, samesite="strict", path="/")
            return response
        if request.url.path == "/login" and request.method == "POST":
            return await call_next(request)
        site: Site = request.app.state.site
        html = await run_in_threadpool(_in_language, site, lambda: site.pages.get_template("login.html").render(
            network=guard.network, csrf="", signed_out=True))
        return HTMLResponse(html, status_code=401)


def _in_language(site: Site, work):
    """Run work in the language `drafter serve` speaks (--lang, the project's, the environment's),
    naming files as the command line does in the project's folder (never a folder outside it)."""
    with i18n.speaking(site.language), paths_shown_from(site.project.root):
        return work()


async def _form(request: Request, limit: int = MAX_UPLOAD):
    """The request's form, when it carries the page's CSRF token; else None."""
    form = await request.form(max_files=1, max_fields=500, max_part_size=limit)
    site: Site = request.app.state.site
    return form if site.guard.csrf_ok(form.get(CSRF_FIELD)) else None


def _refused_csrf(request: Request) -> Response:
    return PlainTextResponse(_said(request, N_("This form is out of date or does not come from drafter's page: "
                                               "reload the page.")), status_code=403)


def _said(request: Request, text: str) -> str:
    """A refusal's text in the project's language."""
    return _in_language(request.app.state.site, lambda: _(text))


# --------------------------------------------------------------------------- pages


def _page(site: Site, template: str, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("network", site.guard.network)
    context.setdefault("csrf", site.guard.csrf)
    return HTMLResponse(site.pages.get_template(template).render(**context), status_code=status_code)


def _problems_page(site: Site, problems, title: str, status_code: int = 400) -> HTMLResponse:
    return _page(site, "message.html", status_code=status_code, title=title, problems=list(problems))


def _question_url(zittingsjaar: str, number: int, minister: str | None) -> str:
    url = f"/q/{quote(str(zittingsjaar))}/{number}"
    return url + (f"?{urlencode({'minister': minister})}" if minister else "")


@dataclass(frozen=True)
class DateField:
    """A date as the project's locale writes it (dd/mm/yyyy where the day comes first, as in
    nl_BE), whatever the browser's own locale: a text field, not the browser's date picker,
    which shows mm/dd/yyyy in a US browser."""

    day_first: bool

    @property
    def form(self) -> str:
        """How the field asks for a date, in the page's language ('dd/mm/jjjj' in Dutch)."""
        return _("dd/mm/yyyy") if self.day_first else _("yyyy-mm-dd")

    #: What the browser lets through before the server reads it (which says why it is no date):
    #: a numeric date (day first, or ISO), or one with a month's name (6 juni 2020).
    pattern = r"\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\S+\.?\s+\d{4})\s*"

    def shown(self, day: dt.date | None) -> str:
        if day is None:
            return ""
        return day.strftime("%d/%m/%Y") if self.day_first else day.isoformat()

    def read(self, text: str) -> dt.date:
        """The day typed; a ValueError saying, for a person, why it is none."""
        text = text.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # ISO, as the command line takes it
            try:
                return dt.date.fromisoformat(text)
            except ValueError as exc:
                raise ValueError(_("{text!r} is not a day of the calendar").format(text=text)) from exc
        return dates.parse_date(text, self.day_first)

    def problem(self, text: str, today: dt.date) -> str:
        """Why `text` is not a date the field takes, with what to write instead; '' when it is one."""
        try:
            self.read(text)
        except ValueError as exc:
            # two sentences: why (the date reader's own), then what to write
            hint = _("Write the date as {form}, for example {example}.").format(form=self.form,
                                                                               example=self.shown(today))
            return f"{str(exc).rstrip('.')}. {hint}"
        return ""


def _date_field(site: Site) -> DateField:
    return DateField(dates.reads_day_first(site.files.loaded().register.style.locale))


def followup_rows(site: Site, years: set[str], minister: str | None, late: bool, search: str) -> list[st.Row]:
    """status's rows, selected as `drafter status --year --minister --late` selects them, and by a
    search over the titles."""
    rows = st.select(site.files.status_rows(site.today()), years, minister, late)
    words = search.casefold().split()
    if words:
        rows = [r for r in rows if all(w in (r.title or "").casefold() for w in words)]
    return rows


def _page_number(value: str | None, pages: int) -> int:
    """The page asked for (from 1), within the pages there are; the first when it says no number."""
    try:
        asked = int(value or 1)
    except ValueError:
        asked = 1
    return min(max(asked, 1), max(pages, 1))


def followup(site: Site, request: Request, date_problem: str = "", date_typed: str = "",
             status_code: int = 200) -> HTMLResponse:
    params = request.query_params
    years = {y for y in params.getlist("year") if y}
    minister = params.get("minister") or None
    late = params.get("late") == "1"
    search = params.get("search", "")
    try:
        register = site.files.loaded().register
    except DrafterError as exc:
        return _problems_page(site, exc.problems, _("The register cannot be read"), 200)
    rows = followup_rows(site, years, minister, late, search)
    # a page of rows: the filters and the search go over every row, the counts too; a browser
    # shows thousands of rows slowly and nobody reads them at once
    pages = -(-len(rows) // site.page_size)
    page = _page_number(params.get("page"), pages)
    first = (page - 1) * site.page_size
    shown = rows[first:first + site.page_size]
    kept = [(k, v) for k, v in params.multi_items() if k != "page"]

    def page_url(number: int) -> str:
        return "/?" + urlencode(kept + [("page", str(number))])

    return _page(site, "followup.html", status_code=status_code, date_field=_date_field(site),
                 date_problem=date_problem, date_typed=date_typed, rows=shown, total=len(rows), first=first + 1, last=first + len(shown),
                 page=page, pages=pages, page_url=page_url,
                 state_words={s: _(w) for s, w in st.STATE_WORDS.items()},
                 years=sorted({q.zittingsjaar for q in register.questions}, reverse=True),
                 ministers=sorted({q.minister.name for q in register.questions}),
                 chosen_years=years, chosen_minister=minister or "", late=late, search=search,
                 url=lambda r: _question_url(r.zittingsjaar, r.number, r.minister) if r.number is not None else None,
                 today=site.today(), errors=sum(1 for r in rows if r.state == st.State.ERROR))


def problems(site: Site, request: Request) -> HTMLResponse:
    report = check_project(site.project.register, site.project.templates)
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in report.problems:
        by_file[p.file or ""].append(p)
    return _page(site, "problems.html", by_file=dict(sorted(by_file.items())), report=report)


def _question(site: Site, zittingsjaar: str, number: int, minister: str | None):
    return site.files.loaded().register.find(number, zittingsjaar, minister)


def _part_of(q, place: str | None) -> int | None:
    """The answer part a problem's place ('line 84', in the language in use: 'regel 84') is in;
    None: elsewhere in the entry."""
    found = re.search(r"\d+", place or "")
    if found is None:
        return None
    line = int(found.group())
    if not (place.startswith(places.line(line)) or place.startswith(f"line {line}")):
        return None  # a place of another kind (a sheet's cell, a template's paragraph)
    starts = [p.line for p in q.parts]
    inside = [i for i, start in enumerate(starts) if start <= line]
    return inside[-1] if inside and line >= starts[0] else None


def question_page(site: Site, request: Request, conflict: edit.Conflict | None = None,
                  notice: str = "", problems_found=(), status_code: int = 200, date_problem: str = "",
                  date_typed: str = "") -> HTMLResponse:
    zittingsjaar, number = request.path_params["zittingsjaar"], request.path_params["number"]
    minister = request.query_params.get("minister") or None
    loaded = site.files.loaded()
    q = loaded.register.find(number, zittingsjaar, minister)
    report = check_project(site.project.register, site.project.templates, number=q.number,
                           zittingsjaar=q.zittingsjaar, minister=q.minister.name)
    by_part: dict[int | None, list[Problem]] = defaultdict(list)
    for p in report.problems:
        by_part[_part_of(q, p.place)].append(p)
    tables, table_problem, figures = {}, None, []
    try:
        view = build_view(loaded.register, q, loaded.generator.notes, loaded.generator.datasets.load,
                          loaded.generator.texts)
        tables = dict(view.context.get("tables") or {})
        figures = edit.figure_tags(load_data(loaded.register, q, loaded.generator.datasets.load))
    except DrafterError as exc:
        table_problem = exc.problems
    row = st.status_rows(loaded.register, site.project.output, site.today(), site.project.templates, only=[q])[0]
    return _page(site, "question.html", status_code=status_code, q=q, texts=edit.texts_of(q),
                 entry_hash=edit.entry_hash(site.project.register, q), by_part=by_part, tables=tables,
                 table_problem=table_problem, row=row, conflict=conflict, notice=notice,
                 problems_found=list(problems_found), figures=figures, table_names=list(q.tables),
                 note_tags=edit.note_tags(loaded.generator.notes.texts), table_line=edit.table_line,
                 state_words={s: _(w) for s, w in st.STATE_WORDS.items()},
                 action=_question_url(q.zittingsjaar, q.number, None).split("?")[0],
                 minister=q.minister.name, today=site.today(), date_field=_date_field(site),
                 date_problem=date_problem, date_typed=date_typed)


def _typed(form, q) -> edit.Texts:
    parts = {i: str(form.get(f"part-{i}-text", "")) for i in range(len(q.parts)) if f"part-{i}-text" in form}
    return edit.Texts(str(form.get("preamble", "")), parts)


def save(site: Site, request: Request, form) -> Response:
    zittingsjaar, number = request.path_params["zittingsjaar"], request.path_params["number"]
    minister = str(form.get("minister") or "") or None
    q = _question(site, zittingsjaar, number, minister)
    result = edit.save_texts(site.project.register, q.number, q.zittingsjaar, q.minister.name, _typed(form, q),
                             str(form.get("entry_hash", "")))
    if isinstance(result, edit.Conflict):
        return question_page(site, request, conflict=result, status_code=409)
    notice = _("Saved in the register.") if result.changed else _("Nothing changed.")
    return question_page(site, request, notice=notice)


def draft(site: Site, request: Request, form) -> Response:
    zittingsjaar, number = request.path_params["zittingsjaar"], request.path_params["number"]
    minister = str(form.get("minister") or "") or None
    q = _question(site, zittingsjaar, number, minister)
    loaded = site.files.loaded()
    done = answer(site.project, q.number, q.zittingsjaar, q.minister.name, register=loaded.register,
                  generator=loaded.generator)
    data = done.written.path.read_bytes()
    name = done.written.path.name
    return Response(data, media_type=DOCX, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


def mark_sent(site: Site, request: Request, form) -> Response:
    zittingsjaar, number = request.path_params["zittingsjaar"], request.path_params["number"]
    minister = str(form.get("minister") or "") or None
    today = site.today()
    field = _date_field(site)
    typed = str(form.get("date") or "").strip()
    problem = field.problem(typed, today) if typed else ""
    if problem:  # shown next to the field, with what was typed, and nothing written
        return question_page(site, request, date_problem=problem, date_typed=typed, status_code=400)
    day = field.read(typed) if typed else today
    done = record_sent(site.project.register, number, zittingsjaar, minister, day, today)
    notice = (_("Recorded as sent on {date}.") if done.changed else _("It was recorded as sent on {date} already."))
    return question_page(site, request, notice=notice.format(date=field.shown(done.date)))


def update_figures(site: Site, request: Request, form) -> Response:
    """The new figures written into the question's answer in the output folder as tracked changes."""
    zittingsjaar, number = request.path_params["zittingsjaar"], request.path_params["number"]
    minister = str(form.get("minister") or "") or None
    q = _question(site, zittingsjaar, number, minister)
    updated = update(site.project, q.number, q.zittingsjaar, q.minister.name)
    return _page(site, "update.html", lines=describe_update(updated), problems=list(updated.warnings),
                 back=_question_url(q.zittingsjaar, q.number, q.minister.name),
                 download=_question_url(q.zittingsjaar, q.number, None).split("?")[0] + "/answer",
                 minister=q.minister.name)


def answer_file(site: Site, request: Request) -> Response:
    """The question's answer as it is in the output folder (found by the register's file-name
    pattern, never by a name from the request)."""
    zittingsjaar, number = request.path_params["zittingsjaar"], request.path_params["number"]
    q = _question(site, zittingsjaar, number, request.query_params.get("minister") or None)
    path = site.project.output / file_name(q)
    if not path.is_file():
        raise DrafterError(_("{question} has no answer in the output folder yet").format(question=q.label),
                           file=display_path(site.project.output), hint=_("Draft the answer first."))
    return Response(read_bytes(path, MAX_UPLOAD), media_type=DOCX, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(path.name)}"})


def _upload(form, suffixes: tuple[str, ...], folder: Path) -> Path:
    """The uploaded file, saved in `folder` (a temporary folder outside the project) under its
    own name made safe: the name is never used as a path."""
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise DrafterError(_("no file was chosen"), hint=_("Choose a file, then press the button again."))
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in suffixes:
        raise DrafterError(_("{name}: this kind of file is not accepted here").format(name=Path(upload.filename).name),
                           hint=_("Give a file ending in {suffixes}.").format(suffixes=", ".join(suffixes)))
    # the person's own file name, made safe, in a folder of drafter's own: messages name the file they gave
    path = folder / paths.safe_file_name(Path(upload.filename.replace("\\", "/")).name)
    upload.file.seek(0)
    data = upload.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise DrafterError(_("{name} is too large").format(name=Path(upload.filename).name),
                           hint=_("Give a file under {size} MB.").format(size=MAX_UPLOAD // (1024 * 1024)))
    path.write_bytes(data)
    return path


def verify(site: Site, request: Request, form) -> Response:
    with tempfile.TemporaryDirectory(prefix="drafter-serve-") as folder:
        path = _upload(form, ANSWER_SUFFIXES, Path(folder))
        name = Path(form["file"].filename).name
        report = Verifier(site.project.register, site.project.templates).verify(path)
    return _page(site, "verify.html", report=report, name=name,
                 back=_question_url(request.path_params["zittingsjaar"], request.path_params["number"],
                                    str(form.get("minister") or "") or None))


def intake_page(site: Site, request: Request, form=None) -> Response:
    if form is None:
        return _page(site, "intake.html", added=None)
    files = files_of(site.project.register, site.project.templates)
    typed = str(form.get("source") or "").strip()
    upload = form.get("file")
    with tempfile.TemporaryDirectory(prefix="drafter-serve-") as folder:
        if isinstance(upload, UploadFile) and upload.filename:
            path = _upload(form, QUESTION_SUFFIXES, Path(folder))
            # an id typed with a question document: the record, its texts from the document (intake --document)
            result = intake(typed, files, document=path) if typed and path.suffix.lower() != ".json" else intake(str(path), files)
        elif typed:
            result = intake(typed, files)
        else:
            raise DrafterError(_("give a question document, a saved record or the parliament's id"),
                               hint=_("Choose a file or type the id, then press the button again."))
    q = result.question
    return _page(site, "intake.html", added=result,
                 url=_question_url(q.zittingsjaar, q.number, None) if q.zittingsjaar else None)


def bundle_answers(site: Site, request: Request, form) -> Response:
    """The answers sent on a day (or, without a day, those ready), joined for signature and downloaded."""
    today = site.today()
    typed = str(form.get("date") or "").strip()
    field = _date_field(site)
    problem = field.problem(typed, today) if typed else ""
    if problem:
        return followup(site, request, date_problem=problem, date_typed=typed, status_code=400)
    day = field.read(typed) if typed else None
    choice = Choice(answered=day, state=None if day else "ready", today=today)
    done = bundle(site.project, choice)
    return Response(done.path.read_bytes(), media_type=DOCX, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(done.path.name)}"})


def login(site: Site, request: Request, form) -> Response:
    if not site.guard.token_ok(str(form.get("token") or "")):
        return _page(site, "login.html", status_code=401, wrong=True, signed_out=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, site.guard.session, httponly=True, samesite="strict", path="/")
    return response


# --------------------------------------------------------------------------- wiring


def _get(page):
    async def endpoint(request: Request) -> Response:
        site: Site = request.app.state.site
        return await run_in_threadpool(_in_language, site, lambda: _shown(site, lambda: page(site, request)))
    return endpoint


def _post(action, *, csrf: bool = True):
    async def endpoint(request: Request) -> Response:
        site: Site = request.app.state.site
        form = await _form(request) if csrf else await request.form(max_files=0, max_fields=10, max_part_size=4096)
        if form is None:
            return _refused_csrf(request)
        return await run_in_threadpool(_in_language, site, lambda: _shown(site, lambda: action(site, request, form)))
    return endpoint


def _shown(site: Site, work) -> Response:
    """The page, or a user's mistake shown as the command line shows it (file, place, what to do)."""
    try:
        return work()
    except DrafterError as exc:
        return _problems_page(site, exc.problems, _("This could not be done"))


def make_app(project: paths.Project, guard: Guard, language: str = i18n.SOURCE_LANGUAGE,
             today=dt.date.today, page_size: int = 100) -> Starlette:
    routes = [
        Route("/", _get(followup)),
        Route("/problems", _get(problems)),
        Route("/intake", _get(intake_page)),
        Route("/intake", _post(intake_page), methods=["POST"]),
        Route("/login", _post(login, csrf=False), methods=["POST"]),
        Route("/bundle", _post(bundle_answers), methods=["POST"]),
        Route("/q/{zittingsjaar}/{number:int}", _get(question_page)),
        Route("/q/{zittingsjaar}/{number:int}/save", _post(save), methods=["POST"]),
        Route("/q/{zittingsjaar}/{number:int}/draft", _post(draft), methods=["POST"]),
        Route("/q/{zittingsjaar}/{number:int}/sent", _post(mark_sent), methods=["POST"]),
        Route("/q/{zittingsjaar}/{number:int}/verify", _post(verify), methods=["POST"]),
        Route("/q/{zittingsjaar}/{number:int}/update", _post(update_figures), methods=["POST"]),
        Route("/q/{zittingsjaar}/{number:int}/answer", _get(answer_file)),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(Checks)])
    app.state.site = Site(ProjectFiles(project), guard, _pages(), today, language, page_size)
    return app
