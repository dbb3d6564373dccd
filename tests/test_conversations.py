"""Conversation storage: the message tree, branches, search, cut replies and exports."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from core.chat import conversations as convs
from core.chat.conversations import ConversationError
from core.errors import HearthError
from core.workspace import Workspace


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """A clock that ticks one second per reading, so 'newest first' never hangs on a tie."""
    ticks = itertools.count()
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    monkeypatch.setattr(
        convs, "utc_now", lambda: (start + timedelta(seconds=next(ticks))).isoformat(timespec="milliseconds")
    )


def _chat(ws, turns, **kwargs):
    """A conversation with alternating user/assistant turns; returns it and its messages."""
    conv = convs.create_conversation(ws, **kwargs)
    messages = [
        convs.add_message(ws, conv.id, "user" if i % 2 == 0 else "assistant", text) for i, text in enumerate(turns)
    ]
    return conv, messages


def _count(ws, sql, *params):
    with sqlite3.connect(ws.db_path) as conn:
        return conn.execute(sql, params).fetchone()[0]


def test_create_list_rename_delete(workspace):
    first = convs.create_conversation(workspace, title="Trip plans", model="gemma3-270m")
    second = convs.create_conversation(workspace, system_prompt="Be brief.")
    assert [c.id for c in convs.list_conversations(workspace)] == [second.id, first.id]

    convs.add_message(workspace, first.id, "user", "Where to in May?")
    assert [c.id for c in convs.list_conversations(workspace)] == [first.id, second.id]
    assert [c.id for c in convs.list_conversations(workspace, limit=1)] == [first.id]

    renamed = convs.rename_conversation(workspace, second.id[:8], "  Short\n answers  ")
    assert renamed.id == second.id
    assert renamed.title == "Short answers"
    assert renamed.updated_at > second.updated_at
    assert convs.get_conversation(workspace, second.id).system_prompt == "Be brief."

    convs.delete_conversation(workspace, first.id)
    assert [c.id for c in convs.list_conversations(workspace)] == [second.id]
    with pytest.raises(ConversationError):
        convs.get_conversation(workspace, first.id)


def test_set_model_and_system_prompt(workspace):
    conv = convs.create_conversation(workspace, model="base")
    convs.set_model(workspace, conv.id, "tuned-q4")
    changed = convs.set_system_prompt(workspace, conv.id, "You answer in French.")
    assert (changed.model, changed.system_prompt) == ("tuned-q4", "You answer in French.")
    assert changed.updated_at > conv.updated_at
    history = convs.chat_history(workspace, conv.id)
    assert history == [{"role": "system", "content": "You answer in French."}]


def test_deleting_a_conversation_removes_every_message(workspace):
    kept, _ = _chat(workspace, ["hello", "hi"])
    gone, (question, _reply) = _chat(workspace, ["what is 2+2?", "4"])
    convs.edit_and_resend(workspace, question.id, "what is 3+3?")
    assert _count(workspace, "SELECT COUNT(*) FROM messages WHERE conversation_id = ?", gone.id) == 3

    convs.delete_conversation(workspace, gone.id)
    assert _count(workspace, "SELECT COUNT(*) FROM messages WHERE conversation_id = ?", gone.id) == 0
    assert _count(workspace, "SELECT COUNT(*) FROM messages WHERE conversation_id = ?", kept.id) == 2
    assert _count(workspace, "SELECT COUNT(*) FROM conversations") == 1


def test_search_by_title_and_text_case_insensitive_and_literal(workspace):
    budget = convs.create_conversation(workspace, title="Budget for 2025")
    discount, _ = _chat(workspace, ["Is 50% off a good deal?", "Yes."], title="Shopping")
    many, _ = _chat(workspace, ["I have 500 items", "Nice."], title="Stock")
    snake, _ = _chat(workspace, ["Why snake_case names?", "Readability."], title="Style")
    dashed, _ = _chat(workspace, ["a snake-case name", "ok"], title="Other style")
    street, _ = _chat(workspace, ["Die Straße ist lang", "Ja."], title="Deutsch")

    def found(text):
        return {c.id for c in convs.list_conversations(workspace, search=text)}

    assert found("BUDGET") == {budget.id}
    assert found("readability") == {snake.id}  # an assistant reply's text
    assert found("50%") == {discount.id}  # not "500 items": % is a plain character
    assert found("e_c") == {snake.id}  # _ is a plain character
    assert dashed.id in found("e-c")  # "snake-case" would match e_c as a LIKE pattern
    assert found("STRASSE") == {street.id}  # folded beyond ASCII
    assert found("nowhere") == set()
    assert len(found("  ")) == 6  # a blank search filters nothing
    assert many.id in found("500")


def test_message_metadata_round_trips_through_the_database(workspace):
    conv = convs.create_conversation(workspace)
    convs.add_message(workspace, conv.id, "user", "Tell me a joke")
    reply = convs.add_message(
        workspace,
        conv.id,
        "assistant",
        "Why did the GPU cross the road?",
        model="gemma3-270m-q4",
        adapters=({"name": "humour", "scale": 0.75}, "tone"),
        sampling={"temperature": 0.7, "top_p": 0.95, "seed": 42},
        metrics={"prompt_tokens": 12, "completion_tokens": 9, "tokens_per_second": 48.125},
    )
    with sqlite3.connect(workspace.db_path) as conn:
        stored = conn.execute("SELECT adapters, sampling, metrics FROM messages WHERE id = ?", (reply.id,)).fetchone()
    assert json.loads(stored[0]) == [{"name": "humour", "scale": 0.75}, "tone"]  # the tuple became a JSON array
    assert json.loads(stored[2])["tokens_per_second"] == 48.125

    again = convs.get_message(Workspace(workspace.root), reply.id)  # a fresh workspace: read from disk
    assert again == reply
    assert again.adapters == [{"name": "humour", "scale": 0.75}, "tone"]
    assert (again.model, again.sampling["seed"], again.metrics["completion_tokens"]) == ("gemma3-270m-q4", 42, 9)
    assert (again.status, again.parent_id) == ("complete", convs.active_branch(workspace, conv.id)[0].id)


def test_values_json_cannot_hold_are_refused(workspace):
    conv = convs.create_conversation(workspace)
    with pytest.raises(ConversationError, match="JSON"):
        convs.add_message(workspace, conv.id, "user", "hi", metrics={"when": object()})
    with pytest.raises(ConversationError, match="list of adapters"):
        convs.add_message(workspace, conv.id, "user", "hi", adapters="tone")
    assert convs.list_messages(workspace, conv.id) == []


def test_first_user_message_gives_the_title(workspace):
    conv = convs.create_conversation(workspace)
    assert conv.title == "" and conv.display_title == convs.UNTITLED
    convs.add_message(workspace, conv.id, "system", "You are helpful.")
    assert convs.get_conversation(workspace, conv.id).title == ""  # only a user message names it
    long_question = "How do I fine-tune\na small model on my own   notes without sending anything to the cloud?"
    convs.add_message(workspace, conv.id, "user", long_question)
    title = convs.get_conversation(workspace, conv.id).title
    assert title == "How do I fine-tune a small model on my own notes without…"
    assert "\n" not in title and len(title) <= convs.TITLE_LENGTH + 1

    convs.add_message(workspace, conv.id, "user", "Another question")
    assert convs.get_conversation(workspace, conv.id).title == title

    named = convs.create_conversation(workspace, title="Mine")
    convs.add_message(workspace, named.id, "user", "Short one")
    assert convs.get_conversation(workspace, named.id).title == "Mine"


def test_edit_and_resend_makes_a_branch_and_keeps_the_old_one(workspace):
    conv, (q1, a1, q2, a2) = _chat(workspace, ["Hi", "Hello!", "Capital of France?", "Paris."])
    edited = convs.edit_and_resend(workspace, q2.id, "Capital of Italy?")

    assert edited.parent_id == a1.id and edited.id != q2.id
    assert convs.get_conversation(workspace, conv.id).current_leaf == edited.id
    assert [m.content for m in convs.active_branch(workspace, conv.id)] == ["Hi", "Hello!", "Capital of Italy?"]
    old = convs.active_branch(workspace, conv.id, leaf_id=a2.id)
    assert [m.content for m in old] == ["Hi", "Hello!", "Capital of France?", "Paris."]
    assert [m.id for m in convs.siblings(workspace, q2.id)] == [q2.id, edited.id]

    reply = convs.add_message(workspace, conv.id, "assistant", "Rome.")
    assert [m.id for m in convs.active_branch(workspace, conv.id)] == [q1.id, a1.id, edited.id, reply.id]

    root_edit = convs.edit_and_resend(workspace, q1.id, "Good morning")
    assert root_edit.parent_id is None
    assert [m.id for m in convs.siblings(workspace, q1.id)] == [q1.id, root_edit.id]
    assert [m.id for m in convs.active_branch(workspace, conv.id)] == [root_edit.id]
    with pytest.raises(ConversationError, match="regenerate_from"):
        convs.edit_and_resend(workspace, a1.id, "I'd rather say")


def test_regenerate_makes_siblings_and_switch_branch_flips_between_them(workspace):
    conv, (question, first) = _chat(workspace, ["Name a colour", "Blue"])
    parent = convs.regenerate_from(workspace, first.id)
    assert parent == question.id
    assert convs.get_conversation(workspace, conv.id).current_leaf == first.id  # nothing moved yet
    second = convs.add_message(workspace, conv.id, "assistant", "Green", parent_id=parent)

    assert [m.content for m in convs.siblings(workspace, first.id)] == ["Blue", "Green"]
    assert convs.active_branch(workspace, conv.id)[-1].content == "Green"

    assert convs.switch_branch(workspace, conv.id, first.id).id == first.id
    assert [m.content for m in convs.active_branch(workspace, conv.id)] == ["Name a colour", "Blue"]
    follow_up = convs.add_message(workspace, conv.id, "user", "Why blue?")
    assert follow_up.parent_id == first.id

    convs.switch_branch(workspace, conv.id, second.id)
    assert [m.content for m in convs.active_branch(workspace, conv.id)] == ["Name a colour", "Green"]
    # Back to the first reply: the branch resumes where it was left, at its newest message.
    assert convs.switch_branch(workspace, conv.id, first.id).id == follow_up.id
    assert convs.switch_branch(workspace, conv.id, question.id).id == follow_up.id
    with pytest.raises(ConversationError, match="edit_and_resend"):
        convs.regenerate_from(workspace, question.id)


def test_a_reply_cut_mid_stream_keeps_its_partial_text(workspace):
    conv, _ = _chat(workspace, ["Count to five"])
    pending = convs.add_message(workspace, conv.id, "assistant", "", status="cut", model="tiny")
    convs.save_partial(workspace, pending.id, "One, two,")
    convs.save_partial(workspace, pending.id, "One, two, thr")
    # The process dies here; a new session opens the workspace again.
    reopened = Workspace(workspace.root)
    cut = convs.active_branch(reopened, conv.id)[-1]
    assert (cut.id, cut.status, cut.content) == (pending.id, "cut", "One, two, thr")
    assert "**Cut:**" in convs.export_markdown(reopened, conv.id)
    assert convs.chat_history(reopened, conv.id)[-1] == {"role": "assistant", "content": "One, two, thr"}

    failed = convs.add_message(workspace, conv.id, "assistant", "", status="cut", parent_id=cut.parent_id)
    done = convs.finish_message(workspace, failed.id, "One", status="error", metrics={"error": "engine crashed"})
    assert (done.status, done.content, done.metrics) == ("error", "One", {"error": "engine crashed"})
    assert "**Error:** engine crashed" in convs.export_markdown(workspace, conv.id)
    assert convs.chat_history(workspace, conv.id) == [{"role": "user", "content": "Count to five"}]


def test_finish_message_completes_once_and_never_overwrites(workspace):
    conv, _ = _chat(workspace, ["Hi"])
    pending = convs.add_message(workspace, conv.id, "assistant", "", model="tiny")
    done = convs.finish_message(workspace, pending.id, "Hello!", metrics={"completion_tokens": 3})
    assert (done.status, done.content, done.model) == ("complete", "Hello!", "tiny")
    assert done.metrics == {"completion_tokens": 3}
    with pytest.raises(ConversationError, match="never overwritten") as caught:
        convs.finish_message(workspace, pending.id, "Changed")
    assert "regenerate_from" in caught.value.hint
    with pytest.raises(ConversationError):
        convs.save_partial(workspace, pending.id, "Changed")
    assert convs.get_message(workspace, pending.id).content == "Hello!"


def test_export_markdown_holds_the_active_branch_only(workspace):
    conv, (question, old_reply) = _chat(workspace, ["What is GGUF?", "A tensor file format."], model="tiny")
    convs.set_system_prompt(workspace, conv.id, "Answer in one line.")
    convs.add_message(
        workspace,
        conv.id,
        "assistant",
        "The file format llama.cpp loads.",
        parent_id=question.id,
        model="gemma3-270m-q4",
        adapters=[{"name": "docs", "scale": 0.5}],
        metrics={"tokens_per_second": 51.23456, "completion_tokens": 8},
    )
    text = convs.export_markdown(workspace, conv.id)
    assert text.startswith("# What is GGUF?\n")
    assert "### User\n\nWhat is GGUF?" in text
    assert "### Assistant\n\nThe file format llama.cpp loads." in text
    assert "### System\n\nAnswer in one line." in text
    assert old_reply.content not in text
    summary = next(line for line in text.splitlines() if "gemma3-270m-q4" in line)
    assert "docs ×0.5" in summary and "tokens_per_second 51.23" in summary and "completion_tokens 8" in summary


def test_export_json_holds_every_branch_and_writes_atomically(workspace, tmp_path):
    conv, (question, first) = _chat(workspace, ["Pick a number", "7"])
    second = convs.add_message(workspace, conv.id, "assistant", "3", parent_id=question.id, sampling={"seed": 1})
    data = convs.export_json(workspace, conv.id)
    assert data["format"] == "hearth.conversation"
    assert data["conversation"]["current_leaf"] == second.id
    assert data["active_branch"] == [question.id, second.id]
    assert [m["content"] for m in data["messages"]] == ["Pick a number", "7", "3"]
    assert data["messages"][2]["sampling"] == {"seed": 1}
    assert set(data["messages"][0]) == {
        "id", "conversation_id", "parent_id", "role", "content", "status",
        "model", "adapters", "sampling", "metrics", "created_at",
    }  # fmt: skip

    path = convs.export_conversation(workspace, conv.id[:6], tmp_path / "out" / "chat.json")
    assert {m["id"] for m in json.loads(path.read_text(encoding="utf-8"))["messages"]} == {
        question.id,
        first.id,
        second.id,
    }
    md = convs.export_conversation(workspace, conv.id, tmp_path / "chat.txt", fmt="md")
    assert md.read_text(encoding="utf-8") == convs.export_markdown(workspace, conv.id)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left
    with pytest.raises(ConversationError, match="cannot export") as caught:
        convs.export_conversation(workspace, conv.id, tmp_path / "chat.pdf")
    assert ".md or .json" in caught.value.hint


def test_unknown_ids_and_bad_values_raise_with_a_hint(workspace):
    conv, (question,) = _chat(workspace, ["Hi"])
    other, (foreign,) = _chat(workspace, ["Elsewhere"])
    attempts = {
        "no conversation": lambda: convs.get_conversation(workspace, "nope"),
        "no conversation ''": lambda: convs.get_conversation(workspace, ""),
        "no message": lambda: convs.get_message(workspace, "nope"),
        "no message 'gone'": lambda: convs.add_message(workspace, conv.id, "user", "x", parent_id="gone"),
        f"belongs to conversation {other.id}": lambda: convs.add_message(
            workspace, conv.id, "user", "x", parent_id=foreign.id
        ),
        "belongs to conversation": lambda: convs.switch_branch(workspace, conv.id, foreign.id),
        "unknown message role 'bot'": lambda: convs.add_message(workspace, conv.id, "bot", "x"),
        "unknown message status 'done'": lambda: convs.finish_message(workspace, question.id, "x", status="done"),
        "title cannot be blank": lambda: convs.rename_conversation(workspace, conv.id, " \n "),
        "no conversation 'zz'": lambda: convs.delete_conversation(workspace, "zz"),
    }
    for expected, attempt in attempts.items():
        with pytest.raises(ConversationError, match=expected) as caught:
            attempt()
        assert isinstance(caught.value, HearthError) and caught.value.hint, expected
        assert "hint:" in str(caught.value)
    assert [m.id for m in convs.active_branch(workspace, conv.id)] == [question.id]  # nothing was added


def test_an_ambiguous_prefix_is_refused(workspace):
    # 17 random hex ids: two must share their first character.
    ids = [convs.create_conversation(workspace).id for _ in range(17)]
    shared = next(a[0] for a, b in itertools.combinations(ids, 2) if a[0] == b[0])
    with pytest.raises(ConversationError, match="matches") as caught:
        convs.get_conversation(workspace, shared)
    assert "more of the conversation id" in caught.value.hint
