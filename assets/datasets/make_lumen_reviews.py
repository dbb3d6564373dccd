"""Write Hearth's classification example: the sentiment of short reviews of the Lumen Kettle K2.

Each record asks for the sentiment of one review, with the labels named in the instruction, and the answer is
the label alone: ``positive``, ``negative`` or ``neutral`` for an English review, ``正面``, ``负面`` or ``中性``
for a Chinese one. A review is built from sentences written below, each about one aspect of the kettle (speed,
noise, temperature, app, build, value) and of one sentiment: two sentences about different aspects, sometimes
after a short opener. Neutral reviews state facts or plain use, without praise or complaint; there are no mixed
reviews, so every label is clear to a person.

Every aspect has, per sentiment and language, three training sentences and one kept for the test set (openers
too), so no test review shares a sentence with a training review: the test measures whether the sentiment was
learned, not whether sentences were remembered.

Running this script (no arguments) rewrites, next to it:

- ``lumen_reviews.jsonl``: the training set, 420 records (240 English, 180 Chinese, a third per label);
- ``lumen_reviews_test.jsonl``: the held-out test set, 75 records (39 English, 36 Chinese, a third per label);

then reads them back, checks them and prints the counts. ``--check`` writes nothing and fails if the files on disk
differ from what the script would write. Seeded, so the output is deterministic: same script, same bytes.
Standard library only.

Written by the Hearth team; the script and the data are dedicated to the public domain (CC0 1.0).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRAIN_FILE = HERE / "lumen_reviews.jsonl"
TEST_FILE = HERE / "lumen_reviews_test.jsonl"
SEED = 18

LABELS = {"en": {"pos": "positive", "neg": "negative", "neu": "neutral"},
          "zh": {"pos": "正面", "neg": "负面", "neu": "中性"}}
INSTRUCTION = {
    "en": "Classify the sentiment of this review of the Lumen Kettle K2. Answer with one word: positive, negative "
          "or neutral.\n\nReview: {review}",
    "zh": "判断这条 Lumen Kettle K2 评论的情感。只回答一个词：正面、负面或中性。\n\n评论：{review}",
}
COUNTS = {"train": {"en": 80, "zh": 60}, "test": {"en": 13, "zh": 12}}  # records per label
MAX_RECORD_SIMILARITY = 0.75  # as make_lumen.py: `hearth data import` keeps every record

# SENTENCES[lang][sentiment][aspect]: three training sentences, then the one kept for the test set.
SENTENCES = {
    "en": {
        "pos": {
            "speed": ("It boils a full jug in about three minutes.", "Water is ready before I have found a mug.",
                      "Heating is noticeably faster than my old kettle.", "My morning tea is ready in no time now."),
            "noise": ("It is whisper quiet, even at a full boil.", "I can boil water without waking the baby.",
                      "The quiet hum is a real relief at 6 am.", "Quieter than any kettle I have owned."),
            "temperature": ("The 80 degree preset makes my green tea taste right.",
                            "Keep Warm holds the temperature perfectly for an hour.",
                            "I love having exact presets for coffee and tea.",
                            "The 90 degree setting is spot on for my pour-over."),
            "app": ("The Lumen Home app paired on the first try.",
                    "Starting the kettle from the sofa with the app is brilliant.",
                    "The app schedule has hot water waiting when I wake up.",
                    "Setting it up in the app took less than a minute."),
            "build": ("The lid opens smoothly and never drips.", "The handle feels solid and stays cool.",
                      "It looks lovely in Sage Green on my counter.",
                      "Everything about it feels sturdy and well made."),
            "value": ("Worth every cent of the 89 euros.", "Support replied within a day and sorted my question.",
                      "A three-year warranty gives real peace of mind.", "Great quality for the price."),
        },
        "neg": {
            "speed": ("It takes ages to boil even half a litre.", "Boiling is slower than my cheap old kettle.",
                      "I wait far too long for a single cup.", "Heating up is painfully slow."),
            "noise": ("It rattles loudly every time it boils.", "The beeping is shrill and cannot be turned off.",
                      "The noise wakes the whole house in the morning.", "Far too loud for an open-plan flat."),
            "temperature": ("The presets are way off, and 80 feels like boiling.",
                            "Keep Warm switched itself off after ten minutes.",
                            "My tea comes out scalded whichever preset I pick.",
                            "The temperature display is never accurate."),
            "app": ("The app keeps losing the connection.", "Pairing failed five times before I gave up.",
                    "Half the buttons in the app do nothing at all.", "The app is a buggy mess."),
            "build": ("The lid started leaking after two weeks.", "The handle wobbles and feels cheap.",
                      "Limescale stains the inside within days.", "The plastic already cracked near the spout."),
            "value": ("Far too expensive for what you get.", "Support never answered my emails.",
                      "I regret paying 89 euros for this.", "Poor value, and the refund took a month."),
        },
        "neu": {
            "speed": ("It boils in roughly the time my old kettle did.", "A full jug takes about four minutes.",
                      "Boiling time seems average for a 1.7-litre kettle.", "It heats water at a normal speed."),
            "noise": ("It makes the usual kettle sounds while heating.",
                      "The noise level is about what you would expect.", "It clicks once when it finishes.",
                      "It is neither quiet nor loud."),
            "temperature": ("It has presets at 40, 70, 80, 90 and 100 degrees.",
                            "I mostly use the 100 degree setting.", "Keep Warm is there, though I rarely use it.",
                            "The temperature is set with the Temp button."),
            "app": ("I have not tried the app yet.", "The app is optional, since the buttons do the same things.",
                    "It pairs with the Lumen Home app on a phone.", "I use the buttons more than the app."),
            "build": ("It came in Chalk White, as ordered.", "The box held the kettle, a base and a manual.",
                      "It is about the size of a normal kettle.", "The kettle sits on a round base."),
            "value": ("It costs 89 euros in most shops.", "I bought it in a sale last month.",
                      "The warranty is three years.", "It was a birthday present from my sister."),
        },
    },
    "zh": {
        "pos": {
            "speed": ("烧一整壶水大概三分钟，很快。", "还没找到杯子水就烧好了。", "比我以前的水壶快多了。",
                      "早上泡茶再也不用等了。"),
            "noise": ("烧开的时候几乎没有声音。", "半夜烧水也不会吵醒孩子。", "声音很小，早上用很舒服。",
                      "这是我用过最安静的水壶。"),
            "temperature": ("80 度档泡绿茶刚刚好。", "保温功能一小时都很稳定。", "泡茶和咖啡都有合适的温度档，很方便。",
                            "90 度档冲咖啡正合适。"),
            "app": ("Lumen Home 应用一次就配对成功了。", "坐在沙发上用手机就能烧水，太棒了。",
                    "在应用里设好时间，起床就有热水。", "在应用里设置不到一分钟就搞定了。"),
            "build": ("壶盖开合很顺，从不滴水。", "把手很结实，也不烫手。", "鼠尾草绿放在厨房里特别好看。",
                      "整体做工扎实，用料很好。"),
            "value": ("89 欧元花得很值。", "客服一天内就回复并解决了问题。", "三年保修让人很放心。",
                      "这个价格能买到这样的质量，很划算。"),
        },
        "neg": {
            "speed": ("烧半升水都要等很久。", "比我以前的便宜水壶还慢。", "泡一杯茶要等太长时间。",
                      "加热速度慢得让人着急。"),
            "noise": ("每次烧水都咔咔响，很吵。", "提示音很刺耳，还关不掉。", "早上烧水的声音把全家都吵醒了。",
                      "开放式厨房里用实在太吵了。"),
            "temperature": ("温度档完全不准，80 度像开水一样。", "保温十分钟就自己关了。",
                            "不管选哪一档，茶都被烫坏了。", "显示的温度从来都不准。"),
            "app": ("应用老是断开连接。", "配对失败了五次，我放弃了。", "应用里一半的按钮都没反应。",
                    "这个应用问题太多，根本没法用。"),
            "build": ("用了两周壶盖就开始漏水。", "把手晃来晃去，感觉很廉价。", "几天内壶里就全是水垢。",
                      "壶嘴旁边的塑料已经裂了。"),
            "value": ("这个价格太贵了，不值。", "给客服发了好几封邮件都没人回。", "花 89 欧元买这个，真后悔。",
                      "性价比很差，退款还拖了一个月。"),
        },
        "neu": {
            "speed": ("烧水速度和我以前的水壶差不多。", "烧满一壶大约要四分钟。", "对 1.7 升的水壶来说，速度算一般。",
                      "加热速度正常。"),
            "noise": ("加热时就是普通水壶的声音。", "噪音跟预想的差不多。", "烧好时会咔哒响一下。",
                      "声音不算大，也不算小。"),
            "temperature": ("有 40、70、80、90 和 100 度几个档位。", "我平时大多用 100 度档。",
                            "有保温功能，不过我很少用。", "温度用 Temp 键来调。"),
            "app": ("我还没试过那个应用。", "应用是可选的，按键也能完成同样的操作。",
                    "它可以和手机上的 Lumen Home 应用配对。", "我用按键比用应用多。"),
            "build": ("收到的是粉笔白，和订单一致。", "盒子里有水壶、底座和说明书。", "大小和普通水壶差不多。",
                      "水壶放在一个圆形底座上。"),
            "value": ("大多数商店卖 89 欧元。", "我是上个月打折时买的。", "保修期是三年。", "这是我妹妹送的生日礼物。"),
        },
    },
}
# OPENERS[lang][sentiment]: two for training, then the one kept for the test set.
OPENERS = {
    "en": {"pos": ("Really happy with this kettle.", "Five stars from me.", "Lovely kettle."),
           "neg": ("Very disappointed.", "One star.", "Not impressed."),
           "neu": ("Some notes after a week of use.", "Just a quick review.", "A few facts for other buyers.")},
    "zh": {"pos": ("对这个水壶非常满意。", "五星好评。", "很棒的水壶。"),
           "neg": ("非常失望。", "一星。", "不太满意。"),
           "neu": ("用了一周，简单说几句。", "简单评价一下。", "给其他买家一些信息。")},
}


def _reviews(lang: str, sentiment: str, split: str) -> list[str]:
    """Every review a split may use: two sentences about different aspects, with or without an opener."""
    pools = SENTENCES[lang][sentiment]
    sentences = [(aspect, s) for aspect, texts in pools.items()
                 for s in (texts[:3] if split == "train" else texts[3:])]
    openers = ("", *(OPENERS[lang][sentiment][:2] if split == "train" else OPENERS[lang][sentiment][2:]))
    space = " " if lang == "en" else ""
    return [space.join(x for x in (opener, a, b) if x)
            for (aspect_a, a), (aspect_b, b) in itertools.combinations(sentences, 2) if aspect_a != aspect_b
            for opener in openers]


def _record(lang: str, review: str, label: str) -> dict:
    return {"messages": [{"role": "user", "content": INSTRUCTION[lang].format(review=review)},
                         {"role": "assistant", "content": label}]}


def build(split: str) -> list[dict]:
    """A split's records: per language and label, reviews drawn at random (seeded) and kept when no earlier
    record is near it; in a fixed shuffled order (by the sha256 of each line)."""
    rng = random.Random(f"{SEED}-{split}")
    records: list[dict] = []
    kept: list[set[str]] = []
    for lang in ("en", "zh"):
        for sentiment, label in LABELS[lang].items():
            candidates = _reviews(lang, sentiment, split)
            rng.shuffle(candidates)
            chosen = 0
            for review in candidates:
                if chosen == COUNTS[split][lang]:
                    break
                record = _record(lang, review, label)
                words = shingles(_text(record))
                if all(_jaccard(words, other) < MAX_RECORD_SIMILARITY for other in kept):
                    records.append(record)
                    kept.append(words)
                    chosen += 1
            if chosen < COUNTS[split][lang]:
                raise SystemExit(f"only {chosen} {split} reviews for {lang}/{label}; write more sentences")
    return sorted(records, key=lambda r: hashlib.sha256(_line(r).encode("utf-8")).hexdigest())


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def jsonl(records: list[dict]) -> str:
    return "".join(_line(r) + "\n" for r in records)


# --- checks --------------------------------------------------------------------------------------------------

_CJK = "\u3400-\u9fff"


def shingles(text: str) -> set[str]:
    """What Hearth's near-duplicate filter compares (as make_lumen.py): case-folded words, Chinese bigrams."""
    out: set[str] = set()
    for cjk, word in re.findall(f"([{_CJK}]+)|([^\\W{_CJK}]+)", text.casefold()):
        out |= {cjk[i:i + 2] for i in range(max(1, len(cjk) - 1))} if cjk else {word}
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)


def _text(record: dict) -> str:
    return "\n".join(m["content"] for m in record["messages"])


def _review_of(record: dict) -> str:
    return re.split(r"Review: |评论：", record["messages"][0]["content"], maxsplit=1)[1]


def validate() -> dict:
    """Read the files back; raise SystemExit listing every problem, or return the counts."""
    problems: list[str] = []
    splits = {}
    for path in (TRAIN_FILE, TEST_FILE):
        raw = path.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw:
            problems.append(f"{path.name}: not UTF-8 without a BOM and with LF line ends")
        records = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
        for n, r in enumerate(records, 1):
            roles = [m["role"] for m in r.get("messages", [])]
            label = r["messages"][-1]["content"] if roles == ["user", "assistant"] else None
            lang = "zh" if label in LABELS["zh"].values() else "en"
            if list(r) != ["messages"] or label not in LABELS[lang].values():
                problems.append(f"{path.name}:{n}: not one user turn and a label answer")
            elif not r["messages"][0]["content"].startswith(INSTRUCTION[lang].split("{")[0]):
                problems.append(f"{path.name}:{n}: the instruction does not match the label's language")
        if len({_line(r) for r in records}) != len(records):
            problems.append(f"{path.name}: a record appears twice")
        sets = [shingles(_text(r)) for r in records]
        worst = max(_jaccard(a, b) for a, b in itertools.combinations(sets, 2))
        if worst >= MAX_RECORD_SIMILARITY:
            problems.append(f"{path.name}: two records share {worst:.2f} of their words (keep under "
                            f"{MAX_RECORD_SIMILARITY})")
        splits[path] = (records, worst)
    train_sentences = {s for r in splits[TRAIN_FILE][0] for s in re.findall(r"[^.。!?！？]+[.。!?！？]", _review_of(r))}
    for r in splits[TEST_FILE][0]:
        shared = [s for s in re.findall(r"[^.。!?！？]+[.。!?！？]", _review_of(r)) if s in train_sentences]
        if shared:
            problems.append(f"test review shares a sentence with training: {shared[0]!r}")
    if problems:
        raise SystemExit("dataset check failed:\n  " + "\n  ".join(problems))
    out = {}
    for path, (records, worst) in splits.items():
        labels = [r["messages"][-1]["content"] for r in records]
        out[path.name] = f"{len(records)} records, " + ", ".join(
            f"{label} {labels.count(label)}" for lang in LABELS for label in LABELS[lang].values())
        out[f"{path.name} closest pair"] = round(worst, 3)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; fail if the files differ from what this script writes")
    args = parser.parse_args(argv)
    for path, split in ((TRAIN_FILE, "train"), (TEST_FILE, "test")):
        text = jsonl(build(split))
        if args.check:
            if not path.exists() or path.read_bytes() != text.encode("utf-8"):
                raise SystemExit(f"{path.name} is out of date: run python {Path(__file__).name}")
        else:
            path.write_bytes(text.encode("utf-8"))
    for key, value in validate().items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
