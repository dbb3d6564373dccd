"""Whether a window can open: Qt's platform plugin and its libraries checked before Qt can abort."""

from __future__ import annotations

import os
import subprocess

import pytest

from core.diagnostics import display
from core.diagnostics.display import check_display, debian_package, require_display
from core.errors import HearthError
from tests.conftest import hearth_command


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libEGL.so.1", "libegl1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libfontconfig.so.1.12.0", "libfontconfig1"),
])
def test_libraries_are_named_by_their_debian_package(soname, package):
    assert debian_package(soname) == package


def test_the_offscreen_plugin_loads_here():
    check = check_display({"QT_QPA_PLATFORM": "offscreen"})
    assert check.ok and check.platform == "offscreen" and check.plugin.endswith("libqoffscreen.so")
    assert check.missing == ()


def test_platform_follows_the_environment():
    assert check_display({"QT_QPA_PLATFORM": "offscreen;xcb"}).platform == "offscreen"
    assert check_display({}).platform == "xcb"
    assert check_display({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}).platform == "wayland"


def test_qt_falls_back_through_its_list_of_plugins():
    # Over ssh -X: no Wayland display, but an X one; Qt would open on xcb, and so does the check.
    check = check_display({"QT_QPA_PLATFORM": "wayland;offscreen"})
    assert check.ok and check.platform == "offscreen"
    assert check_display({"QT_QPA_PLATFORM": "wayland-egl"}).plugin.endswith("libqwayland.so")


def test_no_screen_and_unknown_plugins_are_explained():
    with pytest.raises(HearthError, match="no platform plugin named 'nosuch'"):
        require_display({"QT_QPA_PLATFORM": "nosuch"})
    check = check_display({"QT_QPA_PLATFORM": "wayland"})
    assert not check.ok and ("WAYLAND_DISPLAY is not set" in check.problem or check.missing)


def test_missing_libraries_name_the_packages_to_install(monkeypatch):
    # What ldd reports on a machine without them (seen on a plain Debian 12 image).
    monkeypatch.setattr(display, "missing_libraries", lambda plugin: ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    with pytest.raises(HearthError) as info:
        require_display({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"})
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in info.value.message
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in info.value.hint


def test_gui_without_a_screen_says_why_instead_of_aborting(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(hearth_command("gui"), env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1  # Qt alone would abort (SIGABRT)
    assert "the window cannot open" in result.stderr and "hint:" in result.stderr
