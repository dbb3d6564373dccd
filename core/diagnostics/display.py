"""Can a window open here? The Qt platform plugin the desktop will use, and the system libraries it lacks.

Qt aborts the whole process (SIGABRT, "Could not load the Qt platform plugin")
when its platform plugin cannot load, naming at best one of the libraries it
missed. This module answers the question before Qt is touched, without
importing Qt: which plugin Qt will pick, whether there is a display to connect
to, and which shared libraries the plugin needs that the dynamic loader cannot
find (``ldd``), with the Debian/Ubuntu package that usually carries each.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.errors import HearthError

__all__ = ["DisplayCheck", "check_display", "debian_package", "missing_libraries", "require_display"]

# Debian names a library's package after its soname (libxcb-icccm.so.4 -> libxcb-icccm4,
# libxkbcommon-x11.so.0 -> libxkbcommon-x11-0); these few are the exceptions Qt meets.
_PACKAGE_EXCEPTIONS = {"libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
                       "libfreetype.so.6": "libfreetype6", "libX11.so.6": "libx11-6"}


@dataclass(frozen=True)
class DisplayCheck:
    """What the desktop would meet when it opens its window."""

    platform: str  # the Qt platform plugin: xcb, wayland, offscreen, ...
    plugin: str | None  # its file, None when PySide6 or the plugin is absent
    missing: tuple[str, ...] = ()  # libraries the plugin needs that cannot be found
    problem: str | None = None  # why no window can open, None when one can
    hint: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def packages(self) -> tuple[str, ...]:
        """The Debian/Ubuntu packages that carry the missing libraries."""
        return tuple(dict.fromkeys(debian_package(name) for name in self.missing))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that usually ships ``soname``."""
    if soname in _PACKAGE_EXCEPTIONS:
        return _PACKAGE_EXCEPTIONS[soname]
    match = re.fullmatch(r"(lib[\w.+-]+?)\.so\.(\d+)(?:\.\d+)*", soname)
    if not match:
        return soname
    name, major = match.groups()
    return f"{name}{'-' if name[-1].isdigit() else ''}{major}".lower()


def _platforms(env: Mapping[str, str]) -> list[str]:
    """The plugins Qt 6 tries on Linux, in order: QT_QPA_PLATFORM's list, else wayland then xcb in a
    Wayland session, else xcb."""
    chosen = [part.split(":")[0].strip() for part in env.get("QT_QPA_PLATFORM", "").split(";")]
    chosen = [name for name in chosen if name]
    if chosen:
        return chosen
    if env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


# Plugin keys Qt accepts beside the plugin's file name.
_ALIASES = {"wayland-egl": "wayland", "wayland-brcm": "wayland"}


def _plugin_file(platform: str) -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / f"libq{_ALIASES.get(platform, platform)}.so"
    return path if path.exists() else None


def missing_libraries(plugin: Path, env: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The libraries ``plugin`` needs, directly or through others, that the loader cannot find (under ``env``)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return ()
    try:
        out = subprocess.run([ldd, str(plugin)], env=env, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return tuple(dict.fromkeys(line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line))


def check_display(env: Mapping[str, str] | None = None) -> DisplayCheck:
    """Whether the desktop's window can open under ``env`` (the process environment by default).

    Qt tries its plugins in turn; the first that can open is the answer, else the first one's problem.
    """
    env = os.environ if env is None else env
    checks = [_check_platform(platform, env) for platform in _platforms(env)]
    return next((check for check in checks if check.ok), checks[0])


def _check_platform(platform: str, env: Mapping[str, str]) -> DisplayCheck:
    plugin = _plugin_file(platform)
    if plugin is None:
        problem = ("PySide6 is not installed" if importlib.util.find_spec("PySide6") is None
                   else f"Qt has no platform plugin named {platform!r}")
        return DisplayCheck(platform, None, problem=problem,
                            hint="set QT_QPA_PLATFORM to xcb, wayland or offscreen, or reinstall Hearth")
    missing = missing_libraries(plugin)
    if missing:
        packages = " ".join(dict.fromkeys(debian_package(name) for name in missing))
        return DisplayCheck(
            platform, str(plugin), missing,
            problem=f"Qt's {platform} platform plugin cannot load: the system lacks {', '.join(missing)}",
            hint=f"install them (Debian/Ubuntu: sudo apt-get install {packages}); meanwhile "
                 "hearth chat works in the terminal")
    kind = _ALIASES.get(platform, platform)
    no_display = {"xcb": not env.get("DISPLAY"), "wayland": not env.get("WAYLAND_DISPLAY")}.get(kind, False)
    if no_display:
        variable = "DISPLAY" if kind == "xcb" else "WAYLAND_DISPLAY"
        return DisplayCheck(platform, str(plugin), problem=f"there is no screen to open the window on ({variable} "
                            "is not set)", hint="run hearth gui in a desktop session (or over ssh -X), or use "
                            "hearth chat in the terminal; QT_QPA_PLATFORM=offscreen opens it without a screen")
    return DisplayCheck(platform, str(plugin))


def require_display(env: Mapping[str, str] | None = None) -> DisplayCheck:
    """:func:`check_display`, raising when no window can open.

    Raises:
        HearthError: what is missing and how to get it.
    """
    check = check_display(env)
    if not check.ok:
        raise HearthError(f"the window cannot open: {check.problem}", check.hint or "")
    return check
