import pytest

from tests.serve.server import example_project, start


@pytest.fixture
def project(tmp_path):
    return example_project(tmp_path / "project")


@pytest.fixture
def server(project):
    running = start(project)
    yield running
    running.stop()
