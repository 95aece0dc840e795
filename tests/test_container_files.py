"""The rendered CI workflow, Dockerfile and compose file are valid for every backend.

No Docker engine runs here, so these files are checked statically: actionlint, hadolint
and zizmor (offline) as shipped in wheels, the compose file's internal references, and
the pins (actions by commit, images by digest) by hand.
"""

import itertools
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.questions import load_questions
from tests.support.rendering import render

QUESTIONS = load_questions()
PYTHON_VERSIONS = [str(version) for version in QUESTIONS["python_version"].values]
# The server each backend answer needs, as the CI service and compose service name it.
SERVERS = {
    ("database", "postgresql"): "postgres",
    ("cache", "redis"): "redis",
    ("task_queue", "rabbitmq"): "rabbitmq",
}
# Servers the CI runner starts itself: nats-server needs a flag a service container cannot take.
RUNNER_SERVERS = {("task_queue", "nats"): "nats"}
# Every database and cache pair with the default task queue, then each brokered task queue
# beside the last database and cache (the ones with servers), so every service is seen.
BROKERS = [value for question, value in (*SERVERS, *RUNNER_SERVERS) if question == "task_queue"]
DATABASES = [str(value) for value in QUESTIONS["database"].values]
CACHES = [str(value) for value in QUESTIONS["cache"].values]
BACKENDS: list[tuple[str, str, str | None]] = [
    *itertools.product(DATABASES, CACHES, [None]),
    *((DATABASES[-1], CACHES[-1], broker) for broker in BROKERS),
]
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
TAG_COMMENT = re.compile(r"@[0-9a-f]{40} # v\d+(\.\d+)*$")
PINNED_IMAGE = re.compile(r"^\S+:[\w.-]+@sha256:[0-9a-f]{64}$")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing from the template environment: run `uv sync`")
    return found


def _lint(tool: str, target: Path, *options: str) -> None:
    completed = subprocess.run(
        [_tool(tool), *options, str(target)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, f"{tool} {target.name}:\n{completed.stdout}{completed.stderr}"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _workflow_problems(workflow: Mapping[str, Any], text: str) -> list[str]:
    """Unpinned actions, persisted checkout credentials and write permissions."""
    problems = []
    if workflow.get("permissions") != {}:
        problems.append("the workflow grants permissions by default")
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions")
        if not isinstance(granted, dict) or set(granted.values()) - {"read", "none"}:
            problems.append(f"job {name} does not ask for read-only permissions: {granted}")
        for step in job["steps"]:
            uses = step.get("uses")
            if uses is None:
                continue
            if not PINNED_ACTION.match(uses):
                problems.append(f"{uses} is not pinned by a full commit SHA")
            if (
                uses.startswith("actions/checkout@")
                and (step.get("with") or {}).get("persist-credentials") is not False
            ):
                problems.append(f"job {name} checks out with persisted credentials")
    problems += [
        f"no release tag beside the pin: {line.strip()}"
        for line in text.splitlines()
        if re.search(r"uses: \S+@[0-9a-f]{40}", line) and not TAG_COMMENT.search(line)
    ]
    return problems


def _image_references(project: Path, workflow: Mapping[str, Any]) -> list[str]:
    """Every base or service image the Dockerfile, compose and CI name (not the app's own)."""
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    references = re.findall(r"^FROM (\S+)", dockerfile, flags=re.MULTILINE)
    # An image, not a build stage, when it has a registry path or a tag.
    references += re.findall(r"--from=(\S*[:/]\S*)", dockerfile)
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    references += [
        service["image"]
        for service in compose["services"].values()
        if "image" in service and "build" not in service
    ]
    for job in workflow["jobs"].values():
        references += [service["image"] for service in (job.get("services") or {}).values()]
    return references


def _compose_problems(compose: Mapping[str, Any]) -> list[str]:
    """Dangling references: depends_on naming no service, volumes that are not declared."""
    services = compose.get("services")
    assert isinstance(services, dict), "compose.yaml has no services"
    declared = set(compose.get("volumes") or {})
    problems = []
    for name, service in services.items():
        problems += [
            f"{name} depends on unknown service {dependency}"
            for dependency in service.get("depends_on") or {}
            if dependency not in services
        ]
        for mount in service.get("volumes") or []:
            source = str(mount).split(":", 1)[0]
            if not source.startswith((".", "/")) and source not in declared:
                problems.append(f"{name} mounts undeclared volume {source}")
    return problems


@pytest.mark.parametrize(
    ("database", "cache", "task_queue"),
    BACKENDS,
    ids=["-".join(part for part in backend if part) for backend in BACKENDS],
)
def test_container_and_ci_files_are_valid(
    tmp_path: Path, database: str, cache: str, task_queue: str | None
) -> None:
    """The workflow and Dockerfile pass their linters; compose references resolve."""
    answers = {"database": database, "cache": cache}
    if task_queue is not None:
        # The broker rows also take the external identity provider, so Keycloak is checked.
        answers |= {"task_queue": task_queue, "auth": "oidc"}
    project = render(tmp_path / "service", answers)

    workflow_file = project / ".github" / "workflows" / "ci.yml"
    _lint("actionlint", workflow_file)
    _lint("zizmor", workflow_file, "--offline", "--no-progress")
    _lint("hadolint", project / "Dockerfile")
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    assert _compose_problems(compose) == []
    assert {"app", "migrate"} <= set(compose["services"])
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    assert _workflow_problems(workflow, workflow_file.read_text(encoding="utf-8")) == []
    ci_services = workflow["jobs"]["checks"].get("services") or {}
    needed = {
        server for (question, value), server in SERVERS.items() if answers.get(question) == value
    }
    assert set(ci_services) == needed
    assert needed <= set(compose["services"])
    for name in needed:
        assert "--health-cmd" in ci_services[name]["options"], f"CI {name} has no health check"
        assert "healthcheck" in compose["services"][name], f"compose {name} has no health check"
    started = [server for key, server in RUNNER_SERVERS.items() if answers.get(key[0]) == key[1]]
    for name in started:
        assert f"{name}-server" in workflow_file.read_text(encoding="utf-8"), f"CI starts no {name}"
        assert "healthcheck" in compose["services"][name], f"compose {name} has no health check"
    unpinned = [ref for ref in _image_references(project, workflow) if not PINNED_IMAGE.match(ref)]
    assert unpinned == []


# The event brokers that run as a server beside the service, by compose service name.
EVENT_SERVERS = {"kafka": "kafka", "nats": "nats"}


@pytest.mark.parametrize("event_broker", sorted(EVENT_SERVERS))
def test_each_event_broker_server_is_in_compose_pinned_and_checked(
    tmp_path: Path, event_broker: str
) -> None:
    """The broker's compose service has a health check the app waits for, on a pinned image."""
    assert event_broker in QUESTIONS["event_broker"].values
    project = render(tmp_path / "service", {"event_broker": event_broker})

    workflow_file = project / ".github" / "workflows" / "ci.yml"
    _lint("actionlint", workflow_file)
    _lint("zizmor", workflow_file, "--offline", "--no-progress")
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    assert _compose_problems(compose) == []
    server = compose["services"][EVENT_SERVERS[event_broker]]
    assert "healthcheck" in server
    depends = compose["services"]["app"]["depends_on"][EVENT_SERVERS[event_broker]]
    assert depends == {"condition": "service_healthy"}
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    unpinned = [ref for ref in _image_references(project, workflow) if not PINNED_IMAGE.match(ref)]
    assert unpinned == []


@pytest.mark.parametrize("python_version", PYTHON_VERSIONS)
def test_ci_tests_the_chosen_python_and_every_newer_one(
    tmp_path: Path, python_version: str
) -> None:
    """The matrix follows copier.yml's choices; the image uses a pinned base of that Python."""
    project = render(tmp_path / "service", {"python_version": python_version})

    workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    matrix = workflow["jobs"]["checks"]["strategy"]["matrix"]["python-version"]
    newer = [v for v in PYTHON_VERSIONS if _version_key(v) >= _version_key(python_version)]
    assert matrix == newer
    bases = re.findall(r"^FROM (\S+)", (project / "Dockerfile").read_text(encoding="utf-8"), re.M)
    assert bases, "the Dockerfile names no base image"
    for base in bases:
        assert base.startswith(f"python:{python_version}-slim@sha256:"), base
        assert PINNED_IMAGE.match(base), base


def test_the_workflow_check_finds_unpinned_and_overprivileged_jobs() -> None:
    """The hand-written workflow check is not vacuous."""
    text = "uses: actions/checkout@v6\nuses: astral-sh/setup-uv@" + "a" * 40 + "\n"
    workflow = {
        "permissions": {"contents": "write"},
        "jobs": {
            "build": {
                "permissions": {"contents": "write"},
                "steps": [
                    {"uses": "actions/checkout@v6"},
                    {"uses": "astral-sh/setup-uv@" + "a" * 40},
                ],
            }
        },
    }

    assert _workflow_problems(workflow, text) == [
        "the workflow grants permissions by default",
        "job build does not ask for read-only permissions: {'contents': 'write'}",
        "actions/checkout@v6 is not pinned by a full commit SHA",
        "job build checks out with persisted credentials",
        "no release tag beside the pin: uses: astral-sh/setup-uv@" + "a" * 40,
    ]


def test_the_compose_check_finds_dangling_references() -> None:
    """The hand-written compose check is not vacuous."""
    broken = {
        "services": {"app": {"depends_on": {"db": {}}, "volumes": ["data:/app/var"]}},
        "volumes": {},
    }

    assert _compose_problems(broken) == [
        "app depends on unknown service db",
        "app mounts undeclared volume data",
    ]


OBSERVABILITY = {"otel-collector", "tempo", "loki", "prometheus", "grafana"}


def _endpoint_host_port(endpoint: str) -> tuple[str, int]:
    """``tempo:4317`` or ``http://prometheus:9090/api/v1/otlp`` as (host, port)."""
    authority = endpoint.split("://", 1)[-1].split("/", 1)[0]
    host, port = authority.rsplit(":", 1)
    return host, int(port)


def _listens_on(config: Any, port: int) -> bool:
    """Whether a server's YAML config names ``port`` as a port or ``0.0.0.0:<port>``."""
    if isinstance(config, dict):
        return any(_listens_on(value, port) for value in config.values())
    if isinstance(config, list):
        return any(_listens_on(value, port) for value in config)
    return config == port or config == f"0.0.0.0:{port}"


def test_the_observability_profile_is_optional_pinned_and_wired(tmp_path: Path) -> None:
    """Its services start only with the profile, mount files that exist, and reach each other."""
    project = render(tmp_path / "service", {})
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]

    profiled = {name for name, service in services.items() if service.get("profiles")}
    assert profiled == OBSERVABILITY
    for name in OBSERVABILITY:
        assert services[name]["profiles"] == ["observability"]
        assert PINNED_IMAGE.match(services[name]["image"]), services[name]["image"]
        for mount in services[name].get("volumes") or []:
            source = str(mount).split(":", 1)[0]
            if source.startswith("./"):
                assert (project / source).is_file(), f"{name} mounts missing {source}"
    # `docker compose up` without the profile must not need any of them.
    for name, service in services.items():
        if name not in OBSERVABILITY:
            assert set(service.get("depends_on") or {}) & OBSERVABILITY == set(), name

    deploy = project / "deploy" / "observability"
    collector = yaml.safe_load((deploy / "otel-collector.yaml").read_text(encoding="utf-8"))
    for pipeline in collector["service"]["pipelines"].values():
        for kind in ("receivers", "processors", "exporters"):
            assert set(pipeline[kind]) <= set(collector[kind]), (kind, pipeline)
    configs = {
        "tempo": yaml.safe_load((deploy / "tempo.yaml").read_text(encoding="utf-8")),
        "loki": yaml.safe_load((deploy / "loki.yaml").read_text(encoding="utf-8")),
    }
    for exporter in collector["exporters"].values():
        host, port = _endpoint_host_port(exporter["endpoint"])
        assert host in services, exporter
        if host in configs:
            assert _listens_on(configs[host], port), (host, port)
    assert "--web.enable-otlp-receiver" in services["prometheus"]["command"]
    assert set(services["otel-collector"]["depends_on"]) == {"tempo", "prometheus"}

    sources = yaml.safe_load((deploy / "grafana-datasources.yml").read_text(encoding="utf-8"))
    for source in sources["datasources"]:
        host, port = _endpoint_host_port(source["url"])
        assert host in OBSERVABILITY, source
        if host in configs:
            assert _listens_on(configs[host], port), (host, port)
    prometheus = yaml.safe_load((deploy / "prometheus.yml").read_text(encoding="utf-8"))
    (job,) = prometheus["scrape_configs"]
    assert job["static_configs"][0]["targets"] == ["app:8000"]
    assert "8000:8000" in services["app"]["ports"]

    # The values .env.example suggests name the profile's receivers.
    example = (project / ".env.example").read_text(encoding="utf-8")
    assert "TRACING__OTLP_ENDPOINT=http://otel-collector:4318" in example
    assert "LOGGING__LOKI_URL=http://loki:3100" in example
