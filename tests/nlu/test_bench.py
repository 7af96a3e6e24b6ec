"""`dvcbot bench nlu` scoring: the figures mean what the README says they mean."""

from __future__ import annotations

from bot import bench
from bot.bench import Example, load_examples, score
from tests.nlu.conftest import REPO


class ScriptedUnderstander:
    """Answers from a table, like Understander.understand does from a model."""

    def __init__(self, answers):
        self.answers = answers
        self.seen = []

    def understand(self, text, details=False):
        self.seen.append(text)
        intent, procedure, fallback = self.answers.get(text, ("out_of_scope", None, True))
        return {"text": text, "intent": intent, "confidence": 0.9, "procedure": procedure,
                "dossier_code": None, "fallback": fallback}


def test_scores_count_intent_and_procedure_separately_and_none_as_a_value():
    examples = [
        Example("đổi cccd bn tiền", "ask_fee", "can_cuoc"),
        Example("còn lệ phí thì sao", "ask_fee", "none"),
        Example("xin chào", "greet", "none"),
        Example("sổ đỏ", "ask_procedure", "dat_dai_lan_dau"),
    ]
    understander = ScriptedUnderstander({
        "đổi cccd bn tiền": ("ask_fee", "can_cuoc", False),
        "còn lệ phí thì sao": ("ask_fee", "khai_sinh", False),   # procedure invented: wrong
        "xin chào": ("greet", None, True),                      # right but below threshold
        "sổ đỏ": ("ask_documents", "dat_dai_lan_dau", False),   # intent wrong
    })
    result = score(understander, examples, strip=False)
    assert result.n == 4
    assert result.intent_accuracy == 0.75
    assert result.procedure_accuracy == 0.75
    assert result.confident_intent_accuracy == 0.5
    assert result.fallback_rate == 0.25
    assert len(result.errors) == 2


def test_the_no_diacritics_variant_really_strips_them():
    understander = ScriptedUnderstander({})
    score(understander, [Example("Đăng ký khai sinh ở đâu", "ask_where", "khai_sinh")], strip=True)
    assert understander.seen == ["Dang ky khai sinh o dau"]


def test_the_held_out_split_loads_with_gold_procedures():
    examples = load_examples(REPO / "nlu_data" / "test")
    assert len(examples) >= 250
    assert {e.procedure for e in examples} >= {"none", "khai_sinh", "dat_dai_lan_dau"}


def test_unknown_benchmark_is_refused_with_the_known_names(capsys):
    assert bench.main(["nope"]) == 2
    assert "nlu" in capsys.readouterr().err
    assert bench.main([]) == 2


def test_scoring_says_how_far_it_has_got(capsys):
    examples = [Example(f"câu {i}", "greet", "none") for i in range(250)]
    score(ScriptedUnderstander({}), examples, strip=False)
    assert capsys.readouterr().err.splitlines() == [   # progress on stderr: stdout is the result
        "scoring as written: 0/250 messages (0%)", "scoring as written: 100/250 messages (40%)",
        "scoring as written: 200/250 messages (80%)"]


def test_understanding_scores_count_aspects_kinds_and_silent_wrong_answers():
    from bot.bench import conversation_decision
    from bot.nlu import heldout

    messages = [
        heldout.Message("khai tử ở đâu, cần gì", "ask_where", "khai_tu", ["where", "documents"], ["multi"]),
        heldout.Message("má tui mất", "ask_procedure", "khai_tu", ["procedure"], ["situation"]),
        heldout.Message("sửa sai năm sinh", "ask_procedure", "other", ["procedure"], ["situation"]),
    ]
    understander = ScriptedUnderstander({})
    answers = {
        "khai tử ở đâu, cần gì": {"intent": "ask_where", "procedure": "khai_tu",
                                  "aspects": ["where", "fee"]},
        "má tui mất": {"intent": "ask_procedure", "procedure": "khai_sinh", "aspects": []},
        "sửa sai năm sinh": {"intent": "ask_procedure", "procedure": None, "aspects": []},
    }
    understander.understand = lambda text, details=False: dict(answers[text], text=text)
    scores = heldout.score_messages(understander, messages, strip=False).as_dict()
    assert (scores["intent_accuracy"], scores["procedure_errors"]) == (1.0, 1)
    assert scores["by_kind"]["situation"] == {"n": 2, "procedure_accuracy": 0.5, "procedure_errors": 1}
    assert (scores["aspect_recall"], scores["aspect_precision"]) == (0.5, 0.5)

    conversations = [heldout.Conversation("hộ chiếu bao nhiêu", "cha tôi mới mất", "khai_tu", False),
                     heldout.Conversation("hộ chiếu bao nhiêu", "nộp ở đâu", "ho_chieu", True)]
    results = {"hộ chiếu bao nhiêu": {"procedure": "ho_chieu"},
               "cha tôi mới mất": {"procedure": None}, "nộp ở đâu": {"procedure": None}}
    understander.understand = lambda text, details=False: results[text]
    silent = heldout.score_conversations(understander, conversations, False,
                                         lambda text, previous, result: ("answer", previous))
    assert (silent.silent_wrong, silent.right, silent.clarified) == (1, 1, 0)
    ruled = heldout.score_conversations(understander, conversations, False, conversation_decision)
    assert (ruled.silent_wrong, ruled.right) == (0, 2)


def test_the_understanding_split_loads_with_every_kind_and_both_kinds_of_follow_up():
    from bot.nlu import heldout

    messages, conversations = heldout.load(REPO / "nlu_data" / "test" / "understanding.yml")
    assert len(messages) >= 150 and len(conversations) >= 40
    kinds = {k for m in messages for k in m.kind}
    assert kinds >= {"situation", "multi", "long", "delta", "nodiac"}
    assert all(300 <= len(m.text) <= 1500 for m in messages if "long" in m.kind)
    assert {c.carry for c in conversations} == {True, False}
