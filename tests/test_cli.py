"""The ``hearth`` command as a person runs it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess

from tests.conftest import ROOT, hearth_command


def hearth(*args: str, home=None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "160"}
    if home is not None:
        env["HEARTH_HOME"] = str(home)
    return subprocess.run(hearth_command(*args), capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=timeout)


def test_help_lists_the_commands():
    proc = hearth("--help")
    assert proc.returncode == 0
    for command in ("doctor", "jobs"):
        assert command in proc.stdout


def test_help_imports_no_heavy_library():
    code = ("import sys, cli.main\n"
            "heavy = {'torch', 'transformers', 'llama_cpp', 'PySide6', 'peft', 'bitsandbytes', 'numpy'}\n"
            "print(sorted(heavy & set(sys.modules)))")
    proc = subprocess.run([os.sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_demo_job_runs_and_is_listed_and_replayed(hearth_home):
    proc = hearth("jobs", "demo", "--steps", "5", "--step-seconds", "0.01", home=hearth_home)
    assert proc.returncode == 0, proc.stderr
    assert 'done {"steps": 5}' in proc.stdout
    job_id = proc.stdout.split()[1]
    assert (hearth_home / "jobs" / job_id / "count.txt").read_text().split() == ["1", "2", "3", "4", "5"]

    listed = hearth("jobs", "list", home=hearth_home)
    assert job_id in listed.stdout and " done " in listed.stdout

    replay = hearth("jobs", "show", job_id[:10], home=hearth_home)
    assert replay.returncode == 0
    assert 'done {"steps": 5}' in replay.stdout and "count.txt" in replay.stdout


def test_unknown_job_gives_a_message_and_a_hint(hearth_home):
    proc = hearth("jobs", "show", "nope", home=hearth_home)
    assert proc.returncode == 1
    assert "no job 'nope'" in proc.stderr and "hearth jobs list" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_corrupt_database_is_an_error_not_a_traceback(hearth_home):
    (hearth_home / "hearth.db").write_bytes(b"garbage" * 1000)
    proc = hearth("jobs", "list", home=hearth_home)
    assert proc.returncode == 1
    assert "damaged" in proc.stderr and "Traceback" not in proc.stderr


def test_newer_database_is_refused_by_the_cli(hearth_home):
    hearth("jobs", "list", home=hearth_home)
    conn = sqlite3.connect(hearth_home / "hearth.db")
    conn.execute("INSERT INTO schema_migrations VALUES (50, 'future', 'later')")
    conn.commit()
    conn.close()
    proc = hearth("jobs", "list", home=hearth_home)
    assert proc.returncode == 1 and "newer Hearth" in proc.stderr and "upgrade Hearth" in proc.stderr


def test_chat_prompt_answers_from_the_default_model_and_stores_it(hearth_home, workspace):
    import json

    from core.chat import conversations as conv

    proc = hearth("chat", "-p", "What is the capital of France?", "--temperature", "0", "--json",
                  home=hearth_home, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["model"] == "gemma-3-270m-q4_k_m" and "Paris" in out["reply"]
    assert "Gemma Terms of Use" in proc.stderr  # shown on first use
    stored = conv.active_branch(workspace, out["conversation"])
    assert [m.role for m in stored] == ["user", "assistant"]
    assert stored[1].content == out["reply"] and stored[1].metrics["tokens_per_s"] == out["metrics"]["tokens_per_s"]

    streamed = hearth("chat", "-p", "What is the capital of France?", "--temperature", "0", home=hearth_home,
                      timeout=300)
    assert streamed.stdout.strip() == out["reply"]
    assert "tok/s" in streamed.stderr and "Gemma Terms" not in streamed.stderr  # the notice only once


def test_interactive_chat_reads_commands_and_messages(hearth_home, tiny_gguf):
    env = {**os.environ, "HEARTH_HOME": str(hearth_home), "COLUMNS": "160"}
    script = "/help\n/set temperature 0\n/set colour 3\nthe quick fox\n/history\n/save out.md\n/quit\n"
    proc = subprocess.run(hearth_command("chat", "-m", str(tiny_gguf), "--max-tokens", "8"), input=script,
                          capture_output=True, text=True, cwd=hearth_home, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "/regen" in proc.stdout and "temperature = 0.0" in proc.stdout
    assert "no sampling setting 'colour'" in proc.stdout
    assert "user: the quick fox" in proc.stdout and "assistant: " in proc.stdout
    assert "tok/s" in proc.stdout and "error" not in proc.stdout.lower()
    assert "the quick fox" in (hearth_home / "out.md").read_text()


def test_models_import_list_show_remove(hearth_home, tiny_gguf):
    imported = hearth("models", "import", str(tiny_gguf), "--name", "tiny", home=hearth_home)
    assert imported.returncode == 0, imported.stderr
    assert "imported tiny (llama, F32)" in imported.stdout
    listed = hearth("models", "list", home=hearth_home)
    assert "tiny" in listed.stdout and "llama" in listed.stdout
    shown = hearth("models", "show", "tiny", home=hearth_home)
    assert "architecture: llama" in shown.stdout and "plain turn format" in shown.stdout
    assert hearth("models", "remove", "tiny", home=hearth_home).returncode == 0
    assert "no models yet" in hearth("models", "list", home=hearth_home).stdout


def test_models_import_refuses_a_damaged_file(hearth_home, tiny_gguf, tmp_path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(tiny_gguf.read_bytes()[:-1000])
    proc = hearth("models", "import", str(broken), home=hearth_home)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "truncated" in proc.stderr or "missing" in proc.stderr
    assert "hint:" in proc.stderr


def test_download_offline_says_so_at_once(hearth_home):
    proc = hearth("models", "download", "someone/some-model-GGUF", home=hearth_home, timeout=30)
    assert proc.returncode == 1 and "offline" in proc.stderr.lower()


def test_ctrl_c_at_any_moment_of_a_command_ends_with_a_word_not_a_traceback(hearth_home):
    import signal
    import time

    env = {**os.environ, "HEARTH_HOME": str(hearth_home)}
    interrupted = 0
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.5):  # importing, parsing, opening the workspace, listing
        proc = subprocess.Popen(hearth_command("data", "list"), cwd=ROOT, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        if "Fatal Python error: init_" in err:
            # On a loaded machine the signal can land while the interpreter itself starts (init_import_site, say),
            # before a line of Hearth runs: CPython's own message, which no program can replace.
            continue
        assert "Traceback" not in err, (delay, err)
        # 130, or killed by SIGINT itself (-2; a shell shows 130 for both) when the signal lands while Python exits.
        assert proc.returncode in (0, 130, -signal.SIGINT), (delay, proc.returncode, err)
        assert err.strip() in ("", "interrupted"), (delay, err)
        assert err.strip() == "interrupted" or proc.returncode != 130, (delay, err)
        interrupted += err.strip() == "interrupted"
    assert interrupted >= 3  # the signal did land while the command ran, most of the time


def test_text_that_is_not_utf8_is_refused_in_chat_and_keeps_no_empty_conversation(hearth_home, tiny_gguf):
    env = {**os.environ, "HEARTH_HOME": str(hearth_home), "COLUMNS": "160"}
    prompt = subprocess.run([*hearth_command("chat", "-m", str(tiny_gguf), "-p"), b"\xff\xfe hello"],
                            capture_output=True, cwd=hearth_home, env=env, timeout=300)
    said = prompt.stderr.decode()
    assert prompt.returncode == 1 and "is not valid UTF-8 text" in said and "Traceback" not in said
    typed = subprocess.run(hearth_command("chat", "-m", str(tiny_gguf), "--max-tokens", "4"),
                           input=b"\xff\xfe hi\nthe quick fox\n/quit\n", capture_output=True, cwd=hearth_home,
                           env=env, timeout=300)
    out = typed.stdout.decode()
    assert typed.returncode == 0 and "is not valid UTF-8 text" in out and "tok/s" in out  # the chat went on
    with sqlite3.connect(hearth_home / "hearth.db") as conn:
        titles = [row[0] for row in conn.execute("SELECT title FROM conversations")]
    assert titles == ["the quick fox"]  # the -p that was refused left no conversation behind


def test_a_system_failure_inside_a_command_is_a_message_from_the_one_place(hearth_home, tiny_gguf):
    (hearth_home / "logs").mkdir(parents=True)
    (hearth_home / "logs" / "engine.log").mkdir()  # where the engine's log should be written is a folder
    proc = hearth("chat", "-m", str(tiny_gguf), "-p", "hi", home=hearth_home)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{hearth_home / 'logs' / 'engine.log'} is a folder, not a file" in " ".join(proc.stderr.split())
    debug = hearth("--debug", "chat", "-m", str(tiny_gguf), "-p", "hi", home=hearth_home)
    assert "Traceback (most recent call last)" in debug.stderr and "IsADirectoryError" in debug.stderr


def test_chat_rules_refuse_a_message_and_a_broken_rules_file_before_the_model_loads(hearth_home, tiny_gguf):
    rules = hearth_home / "rules.json"
    rules.write_text(json.dumps({"input": [{"name": "no-passwords", "pattern": "(?i)password"}]}))
    proc = hearth("chat", "-m", str(tiny_gguf), "-p", "my Password is 1234", "--rules", str(rules), home=hearth_home)
    assert proc.returncode == 1 and "refused by the input rule 'no-passwords'" in proc.stderr
    allowed = hearth("chat", "-m", str(tiny_gguf), "-p", "hi", "--rules", str(rules), "--max-tokens", "3",
                     home=hearth_home)
    assert allowed.returncode == 0, allowed.stderr
    rules.write_text("{not json")
    broken = hearth("chat", "-m", str(tiny_gguf), "-p", "hi", "--rules", str(rules), home=hearth_home)
    assert broken.returncode == 2 and "cannot read the rules file" in broken.stderr and "Traceback" not in broken.stderr
