"""Where renderers come from: the built-in table, the entry point group, explicit registration.

Built-in renderers are named by dotted path and imported only when first used, so that
``import budapest_coop.render`` imports neither jinja2 nor reportlab. Plugins are found
through the entry point group ``budapest_coop.renderers``; each one is loaded on its own,
and one that fails to load is recorded in :func:`plugin_errors` and reported with a
:class:`RendererPluginWarning`, never raised. Systems that forbid discovery register their
renderers with :func:`register_renderer`.
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
import warnings
from importlib.metadata import EntryPoint, entry_points
from typing import Any, cast

import attrs

from budapest_coop.errors import RenderError
from budapest_coop.typing import Renderer

__all__ = [
    "BUILTIN_RENDERERS",
    "ENTRY_POINT_GROUP",
    "PluginError",
    "RendererPluginWarning",
    "get_renderer",
    "plugin_errors",
    "register_renderer",
    "renderers",
]

#: The entry point group in which plugins declare renderers (name = format name).
ENTRY_POINT_GROUP = "budapest_coop.renderers"

#: Format name -> "module:class" of the renderers shipped with the package.
BUILTIN_RENDERERS: dict[str, str] = {
    "text": "budapest_coop.render.text:TextRenderer",
    "markdown": "budapest_coop.render.markdown:MarkdownRenderer",
    "html": "budapest_coop.render.html:HTMLRenderer",
    "json": "budapest_coop.render.json:JSONRenderer",
    "pdf": "budapest_coop.render.pdf:PDFRenderer",
    "docx": "budapest_coop.render.docx:DOCXRenderer",
}

#: Optional dependencies of built-in renderers: module -> what to install.
_EXTRAS = {"docx": "python-docx (pip install 'budapest-coop[docx]')"}


class RendererPluginWarning(UserWarning):
    """A renderer plugin could not be loaded; the other renderers still work."""


@attrs.frozen(kw_only=True)
class PluginError:
    """A renderer plugin that failed to load: the entry point, its target and why."""

    name: str
    target: str
    distribution: str | None
    message: str

    def __str__(self) -> str:
        where = f" (from {self.distribution})" if self.distribution else ""
        return f"renderer plugin {self.name!r} -> {self.target}{where}: {self.message}"


def conformance_problem(renderer: object) -> str | None:
    """Why *renderer* does not satisfy the :class:`~budapest_coop.typing.Renderer` protocol, or None."""
    for attribute in ("name", "media_type", "extension"):
        value = getattr(renderer, attribute, None)
        if not isinstance(value, str) or not value:
            return f"attribute {attribute!r} must be a non-empty string, got {value!r}"
    if not callable(getattr(renderer, "render", None)):
        return "it has no render(document, **options) method"
    if not getattr(renderer, "extension", "").startswith("."):
        return f"extension must start with a dot, got {getattr(renderer, 'extension', None)!r}"
    prepare = getattr(renderer, "prepare", None)
    if prepare is not None and not callable(prepare):
        return "prepare must be a method prepare(document, obj) -> Document"
    return None


def _instantiate(target: Any) -> Any:
    return target() if isinstance(target, type) else target


def _load_dotted(path: str) -> Any:
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)


class _Registry:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._registered: dict[str, Renderer] = {}
        self._builtin: dict[str, Renderer] = {}
        self._plugins: dict[str, Renderer] | None = None
        self._errors: list[PluginError] = []

    def register(self, renderer: Renderer, *, replace: bool = False) -> None:
        problem = conformance_problem(renderer)
        if problem is not None:
            raise TypeError(f"cannot register {renderer!r} as a renderer: {problem}")
        with self._lock:
            if not replace and renderer.name in self._registered:
                raise ValueError(f"a renderer named {renderer.name!r} is already registered; pass replace=True")
            self._registered[renderer.name] = renderer

    def unregister(self, name: str) -> None:
        with self._lock:
            self._registered.pop(name, None)

    def _discover(self) -> dict[str, Renderer]:
        with self._lock:
            if self._plugins is not None:
                return self._plugins
            found: dict[str, Renderer] = {}
            for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: (p.name, p.value)):
                renderer = self._load_plugin(point, found)
                if renderer is not None:
                    found[point.name] = renderer
            self._plugins = found
            return found

    def _load_plugin(self, point: EntryPoint, found: dict[str, Renderer]) -> Renderer | None:
        distribution = point.dist.name if point.dist is not None else None

        def fail(message: str) -> None:
            error = PluginError(name=point.name, target=point.value, distribution=distribution, message=message)
            self._errors.append(error)
            warnings.warn(str(error), RendererPluginWarning, stacklevel=4)

        if point.name in BUILTIN_RENDERERS:
            fail("the name of a built-in renderer cannot be taken by a plugin (use register_renderer to replace it)")
            return None
        if point.name in found:
            fail("another plugin already provides a renderer of this name")
            return None
        try:
            renderer = _instantiate(point.load())
        except Exception as exc:  # a broken plugin must never stop the others
            fail(f"{type(exc).__name__}: {exc}")
            return None
        problem = conformance_problem(renderer)
        if problem is None and renderer.name != point.name:
            problem = f"the renderer is named {renderer.name!r}, not {point.name!r} as its entry point"
        if problem is not None:
            fail(f"not a renderer: {problem}")
            return None
        return renderer  # type: ignore[no-any-return]

    def _builtin_renderer(self, name: str) -> Renderer:
        with self._lock:
            renderer = self._builtin.get(name)
            if renderer is not None:
                return renderer
            path = BUILTIN_RENDERERS[name]
            try:
                renderer = cast(Renderer, _instantiate(_load_dotted(path)))
            except ImportError as exc:
                missing = getattr(exc, "name", None) or ""
                hint = _EXTRAS.get(missing.split(".")[0])
                if missing == path.partition(":")[0]:
                    raise RenderError(
                        f"the {name!r} renderer is not available in this installation (module {missing} is missing)"
                    ) from exc
                extra = f"; install {hint}" if hint else ""
                raise RenderError(f"the {name!r} renderer cannot be loaded: {exc}{extra}") from exc
            self._builtin[name] = renderer
            return renderer

    def get(self, name: str) -> Renderer:
        with self._lock:
            renderer = self._registered.get(name)
        if renderer is not None:
            return renderer
        if name in BUILTIN_RENDERERS:
            return self._builtin_renderer(name)
        plugins = self._discover()
        if name in plugins:
            return plugins[name]
        failed = [e for e in self._errors if e.name == name]
        if failed:
            raise RenderError(f"the {name!r} renderer failed to load: {failed[0]}")
        raise RenderError(f"unknown format {name!r}; available: {', '.join(self.names())}")

    def names(self) -> tuple[str, ...]:
        builtin = {
            name
            for name, path in BUILTIN_RENDERERS.items()
            if importlib.util.find_spec(path.partition(":")[0]) is not None
        }
        with self._lock:
            registered = set(self._registered)
        return tuple(sorted(builtin | registered | set(self._discover())))

    def errors(self) -> tuple[PluginError, ...]:
        self._discover()
        with self._lock:
            return tuple(self._errors)

    def rediscover(self) -> None:
        """Forget discovered plugins and their errors; the next lookup scans the entry points again."""
        with self._lock:
            self._plugins = None
            self._errors.clear()


_REGISTRY = _Registry()


def register_renderer(renderer: Renderer, *, replace: bool = False) -> None:
    """Make *renderer* available under ``renderer.name``, without entry point discovery.

    A registered renderer takes precedence over a built-in or discovered one of the same
    name. Registering a second renderer under a taken name raises :class:`ValueError`
    unless *replace* is true; an object that is not a renderer raises :class:`TypeError`.
    """
    _REGISTRY.register(renderer, replace=replace)


def unregister_renderer(name: str) -> None:
    """Remove a renderer added with :func:`register_renderer` (nothing happens if there is none)."""
    _REGISTRY.unregister(name)


def get_renderer(name: str) -> Renderer:
    """The renderer of format *name*; raises :class:`~budapest_coop.errors.RenderError` if there is none."""
    return _REGISTRY.get(name)


def renderers() -> tuple[str, ...]:
    """The names of the formats available: built-in, registered and discovered, sorted."""
    return _REGISTRY.names()


def plugin_errors() -> tuple[PluginError, ...]:
    """The renderer plugins that failed to load, each with the reason."""
    return _REGISTRY.errors()


def rediscover_renderers() -> None:
    """Scan the entry point group again on the next lookup (after installing a plugin)."""
    _REGISTRY.rediscover()
