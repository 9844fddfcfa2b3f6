"""Shared by the benchmarks: find a corpus folder and replicate its text to a target size."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_FOLDER = next((p for p in (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus") if p.is_dir()), ROOT.parent / "shared" / "corpus")


def documents(folder: Path | None) -> list[tuple[str, list]]:
    """(name, lines) of every speech in *folder*; rendered samples if no folder is available."""
    from speechgen.mining.miner import corpus_files
    from speechgen.outline.read import Line, read_lines

    folder = folder or (DEFAULT_FOLDER if DEFAULT_FOLDER.is_dir() else None)
    if folder is not None:
        files = corpus_files([folder])
        if files:
            print(f"语料：{folder}（{len(files)} 篇）")
            return [(f.name, read_lines(f, markdown=True)) for f in files]
    import speechgen

    print("语料：未找到目录，改用 samples/ 渲染的讲话稿")
    docs = []
    for spec in sorted((ROOT / "samples").glob("*.yaml")):
        for seed in range(3):
            text = speechgen.render(spec, seed=seed).text
            docs.append((f"{spec.stem}_{seed}.txt", [Line(i, t) for i, t in enumerate(text.splitlines(), 1)]))
    return docs


def replicate(docs: list[tuple[str, list]], size: int) -> list[tuple[str, list]]:
    """Copies of the documents, in order, until their UTF-8 text reaches *size* bytes."""
    out, total, k = [], 0, 0
    while total < size:
        name, lines = docs[k % len(docs)]
        out.append((f"{k // len(docs)}_{name}", lines))
        total += sum(len(l.text.encode("utf-8")) + 1 for l in lines)
        k += 1
    return out


def text_bytes(docs: list[tuple[str, list]]) -> int:
    return sum(len(l.text.encode("utf-8")) + 1 for _, lines in docs for l in lines)
