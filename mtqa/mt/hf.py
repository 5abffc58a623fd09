"""The transformers backend: MarianMT (default), NLLB-200 and M2M100, loaded with from_pretrained.

torch and transformers are imported here only, when a model is loaded, so `mtqa lint` never pays
for them. Glossary steering uses what `generate` offers: `bad_words_ids` bans every tokenisation
of the variants; a small logits processor adds `sequence_bias`-style bonuses per batch row, since
transformers' own `sequence_bias` is one setting for the whole batch and a preferred term is only
favoured in the segments whose source contains its source term.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from pathlib import Path

from ..errors import MtqaError
from .base import Candidate, DecodeSettings, ModelInfo, Request
from .terms import token_sequences

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-ar-en"

# Language codes of the many-to-many models (their tokenizers need source and target set).
NLLB_CODES = ("arb_Arab", "eng_Latn")
M2M_CODES = ("ar", "en")


def missing_extra(exc: ImportError) -> MtqaError:
    return MtqaError(
        f"retranslation needs the mt extra ({exc.name or exc} is missing): "
        "pip install 'mtqa[mt]' (install torch first, e.g. the CPU build)"
    )


def resolve_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise MtqaError("--device cuda: no CUDA device is available (use --device cpu or auto)")
    if device not in ("cpu", "cuda"):
        raise MtqaError(f"unknown device {device!r} (expected auto, cpu or cuda)")
    return device


def not_available(model: str, exc: BaseException | str) -> MtqaError:
    why = exc if isinstance(exc, str) else type(exc).__name__
    return MtqaError(
        f"model {model!r} is neither a local folder nor in the Hugging Face cache, and the Hub "
        f"could not be reached ({why}); where there is a network run "
        f"`hf download {model}` (or `huggingface-cli download {model} --local-dir DIR` and "
        f"pass --model DIR)"
    )


# A Hub id is `name` or `owner/name`; anything else (./x, ../x, /x, ~/x, a/b/c) is a path.
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(/[A-Za-z0-9][\w.-]*)?")
HUB_CHECK_TIMEOUT_S = 3.0


def looks_like_path(model: str) -> bool:
    return _HUB_ID.fullmatch(model) is None or model.endswith((".", "-"))


def no_such_folder(model: str) -> MtqaError:
    return MtqaError(
        f"{model}: no such model folder (a local model is a folder with config.json; a Hub "
        "model is named owner/name)"
    )


def hub_unreachable() -> str | None:
    """Why the Hugging Face Hub cannot be reached now, or None where it can: one connection
    attempt with a short timeout (the Hub client's own requests retry for about a minute).
    HF_HUB_OFFLINE set means offline without trying."""
    import os
    import socket
    from urllib.parse import urlsplit

    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return "HF_HUB_OFFLINE is set"
    if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return None  # through a proxy: a direct connection says nothing; the client decides
    url = urlsplit(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        socket.create_connection((url.hostname, port), timeout=HUB_CHECK_TIMEOUT_S).close()
    except OSError as exc:
        return f"{url.hostname}: {exc.strerror or type(exc).__name__}"
    return None


def in_hub_cache(model: str, revision: str | None) -> bool:
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(model, "config.json", revision=revision), str)


@contextmanager
def quiet_libraries():
    """transformers' and the Hub client's warnings and progress bars go to mtqa's log, not the
    terminal: the user sees mtqa's one-line messages."""
    import logging
    import warnings

    import transformers

    log = logging.getLogger("mtqa.mt")
    tf_logging = transformers.utils.logging
    verbosity = tf_logging.get_verbosity()
    tf_logging.set_verbosity_error()
    tf_logging.disable_progress_bar()
    try:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()
    except ImportError:  # an older client: its bars stay
        pass
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            tf_logging.set_verbosity(verbosity)
            for w in caught:
                log.info("%s: %s", w.category.__name__, w.message)


def folder_revision(folder: Path) -> str:
    """A content hash of a local model's config and weights, standing in for a Hub revision."""
    h = hashlib.sha256()
    for name in sorted(p.name for p in folder.iterdir() if p.is_file()):
        if name.endswith((".json", ".safetensors", ".bin", ".spm", ".model")):
            with open(folder / name, "rb") as fh:
                for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    h.update(chunk)
    return h.hexdigest()


class TransformersTranslator:
    """A seq2seq model from transformers behind the `Translator` interface."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        device: str = "auto",
        revision: str | None = None,
        source_language: str | None = None,
        target_language: str | None = None,
    ):
        try:
            import torch  # noqa: F401
            import transformers
        except ImportError as exc:
            raise missing_extra(exc) from None
        self.device = resolve_device(device)
        local = Path(model).is_dir()
        if local and not (Path(model) / "config.json").is_file():
            raise MtqaError(f"{model}: not a model folder (no config.json)")
        if not local and looks_like_path(model):
            raise no_such_folder(model)
        kwargs = {} if local else {"revision": revision}
        if not local:
            # One quick look at the Hub before the client's retries: a cached model loads
            # from the cache, an uncached one ends here in one line.
            unreachable = hub_unreachable()
            if unreachable is not None:
                if not in_hub_cache(model, revision):
                    raise not_available(model, unreachable)
                kwargs["local_files_only"] = True
        try:
            with quiet_libraries():
                self.tokenizer = transformers.AutoTokenizer.from_pretrained(model, **kwargs)
                self.model = transformers.AutoModelForSeq2SeqLM.from_pretrained(model, **kwargs)
        except OSError as exc:
            if local:
                raise MtqaError(f"{model}: not a model folder ({exc.__class__.__name__})") from None
            raise not_available(model, exc) from None
        except ValueError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise MtqaError(f"{model}: cannot load it as a translation model ({reason})") from None
        self.model.to(self.device).eval()
        kind = type(self.tokenizer).__name__
        self.forced_bos: int | None = None
        src, tgt = source_language, target_language
        if "Nllb" in kind or "M2M100" in kind:
            defaults = NLLB_CODES if "Nllb" in kind else M2M_CODES
            src, tgt = src or defaults[0], tgt or defaults[1]
            self.tokenizer.src_lang = src
            self.tokenizer.tgt_lang = tgt
            code = tgt if "Nllb" in kind else f"__{tgt}__"
            self.forced_bos = self.tokenizer.convert_tokens_to_ids(code)
            if self.forced_bos is None or self.forced_bos == self.tokenizer.unk_token_id:
                raise MtqaError(f"{model}: unknown target language code {tgt!r}")
        rev = (
            folder_revision(Path(model))
            if local
            else getattr(self.model.config, "_commit_hash", None) or revision or ""
        )
        self.info = ModelInfo(
            backend="transformers",
            name=Path(model).name if local else model,
            revision=rev,
            source_language=src or "",
            target_language=tgt or "",
        )

    def translate(self, requests: list[Request], settings: DecodeSettings) -> list[list[Candidate]]:
        order = sorted(range(len(requests)), key=lambda i: len(requests[i].text))
        results: list[list[Candidate]] = [[] for _ in requests]
        for k in range(0, len(order), settings.batch_size):
            chunk = order[k : k + settings.batch_size]
            for i, nbest in zip(
                chunk, self._batch([requests[i] for i in chunk], settings), strict=True
            ):
                results[i] = nbest
        return results

    def _max_new_tokens(self, settings: DecodeSettings) -> int:
        # Learned position embeddings end somewhere; generating past them is an index error.
        limit = getattr(self.model.config, "max_position_embeddings", None)
        return min(settings.max_new_tokens, limit - 2) if limit else settings.max_new_tokens

    def _batch(self, requests: list[Request], settings: DecodeSettings) -> list[list[Candidate]]:
        import torch
        from transformers import LogitsProcessorList

        tok = self.tokenizer
        enc = tok([r.text for r in requests], return_tensors="pt", padding=True, truncation=True)
        enc = {k: v.to(self.device) for k, v in enc.items()}
        beams = max(settings.num_beams, settings.num_return_sequences)
        kwargs: dict = {
            "num_beams": beams,
            "num_return_sequences": settings.num_return_sequences,
            "max_new_tokens": self._max_new_tokens(settings),
            "do_sample": False,
            "output_scores": True,
            "return_dict_in_generate": True,
        }
        if self.forced_bos is not None:
            kwargs["forced_bos_token_id"] = self.forced_bos
        banned = sorted({t for r in requests for t in r.banned}) if settings.ban_variants else []
        if banned:
            ids = token_sequences(tok, banned)
            if ids:
                kwargs["bad_words_ids"] = ids
        biases = [
            [(tuple(s), settings.bias) for s in token_sequences(tok, r.preferred)] for r in requests
        ]
        if settings.bias and any(biases):
            kwargs["logits_processor"] = LogitsProcessorList([row_sequence_bias(biases, beams)])
        with torch.inference_mode(), quiet_libraries():
            out = self.model.generate(**enc, **kwargs)
        texts = tok.batch_decode(out.sequences, skip_special_tokens=True)
        scores = getattr(out, "sequences_scores", None)
        n = settings.num_return_sequences
        nbest: list[list[Candidate]] = []
        for b in range(len(requests)):
            cands = [
                Candidate(
                    text=texts[b * n + j].strip(),
                    score=float(scores[b * n + j]) if scores is not None else 0.0,
                )
                for j in range(n)
            ]
            nbest.append(cands)
        return nbest


def _row_sequence_bias_class():
    from transformers import LogitsProcessor

    class _RowSequenceBias(LogitsProcessor):
        """Add a bonus to the next token of each preferred term, per batch row.

        A term's first token gets the bonus anywhere; each later token only right after the
        term's earlier tokens, so the bonus walks the whole term. A term already written in the
        row gets no more bonus (no "presence presence").
        """

        def __init__(self, biases: list[list[tuple[tuple[int, ...], float]]], num_beams: int):
            self.biases = biases
            self.num_beams = num_beams

        def __call__(self, input_ids, scores):
            for row in range(input_ids.shape[0]):
                terms = self.biases[row // self.num_beams]
                if not terms:
                    continue
                written = input_ids[row].tolist()
                for seq, bonus in terms:
                    if _contains(written, seq):
                        continue
                    # The longest written prefix of the term decides which token is next.
                    for k in range(len(seq) - 1, -1, -1):
                        if k == 0 or written[-k:] == list(seq[:k]):
                            scores[row, seq[k]] += bonus
                            break
            return scores

    return _RowSequenceBias


def _contains(seq: list[int], sub: tuple[int, ...]) -> bool:
    n = len(sub)
    return any(tuple(seq[i : i + n]) == sub for i in range(len(seq) - n + 1))


def row_sequence_bias(biases: list[list[tuple[tuple[int, ...], float]]], num_beams: int):
    """The per-row bias processor (its class is built on first use: transformers loads lazily)."""
    return _row_sequence_bias_class()(biases, num_beams)


def claims(model: str) -> bool:
    """`--backend auto` falls back to transformers: it loads a Hub id or a model folder."""
    return True


def load(
    model: str,
    *,
    device: str = "auto",
    revision: str | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
) -> TransformersTranslator:
    return TransformersTranslator(
        model,
        device=device,
        revision=revision,
        source_language=source_language,
        target_language=target_language,
    )
