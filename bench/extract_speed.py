"""Time `tracker.extract` on generated readouts of growing size: is it linear?

    python bench/extract_speed.py                      # 10 KB, 100 KB, 1 MB, English and French
    python bench/extract_speed.py --sizes 1000000 --lang fr

The text is generated from sentences written for this script (commitments, lists,
speakers, praise, facts, titles), shuffled with a fixed seed, so every run reads the
same text. Prints one line per size: bytes, wall-clock and CPU seconds, candidates, and
seconds per MB (flat when the reader is linear). The goal is 1 MB in 10 s or less;
on a machine shared with other work, the CPU seconds are the fairer figure.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.extract import extract  # noqa: E402 — run as a script from any folder

DIALOGUE = {
    "id": "bench",
    "date": "2025-04-10",
    "parties": ["China", "Kazakhstan"],
    "participants": [
        {"name": "Wang Yi", "party": "China"},
        {"name": "Murat Nurtleu", "party": "Kazakhstan"},
    ],
}

ENGLISH = [
    "Foreign Minister Wang Yi held talks with Kazakh Foreign Minister Murat Nurtleu in Astana.",
    "The two sides agreed to expand trade in farm produce, open a new rail crossing and "
    "deepen cooperation on water resources by 2030.",
    "China stands ready to work with Kazakhstan to upgrade the transit corridor.",
    "Nurtleu said Kazakhstan is committed to a stable supply of grain to its neighbours.",
    "Both sides praised the progress of the joint committee.",
    "Bilateral trade reached a record high last year.",
    "The ministers expressed their intention to strengthen cooperation on customs.",
    "The participants agreed on the following steps:",
    "- hold the next session of the business council in Almaty;",
    "- launch a joint study on digital trade;",
    "- simplify visa rules for students.",
    "China hopes that Kazakhstan will keep its open investment policy.",
    "Wang Yi noted that the two countries should step up law-enforcement cooperation.",
    "They exchanged views on the situation in Afghanistan.",
    "Kazakhstan will host the next ministerial meeting within two years.",
]
FRENCH = [
    "Le ministre chinois des Affaires étrangères, Wang Yi, a reçu M. Nourtléou à Pékin.",
    "Les deux parties ont convenu de renforcer le commerce agricole, d'ouvrir un nouveau "
    "point de passage et d'approfondir la coopération dans le domaine de l'eau d'ici 2030.",
    "La Chine est prête à travailler avec le Kazakhstan pour moderniser le corridor de transit.",
    "Le Kazakhstan a exprimé sa volonté d'accroître les livraisons de céréales, "
    "a ajouté M. Nourtléou.",
    "Les deux parties ont salué les progrès du comité mixte.",
    "Le commerce bilatéral a atteint un niveau record l'an dernier.",
    "Les ministres sont convenus des priorités suivantes :",
    "1. tenir la prochaine session du conseil des affaires à Almaty ;",
    "2. lancer une étude conjointe sur le commerce numérique ;",
    "3. simplifier les règles de visa pour les étudiants.",
    "La Chine espère que le Kazakhstan maintiendra sa politique d'ouverture.",
    "Les deux pays doivent intensifier la coopération policière, a estimé M. Wang.",
    "Ils ont échangé leurs vues sur la situation en Afghanistan.",
    "Le Kazakhstan accueillera la prochaine réunion ministérielle avant la fin de l'année.",
]


def generate(size: int, lang: str, seed: int = 7) -> str:
    """About `size` bytes of readout text: paragraphs of shuffled sentences under headings."""
    rng = random.Random(seed)
    pool = FRENCH if lang == "fr" else ENGLISH
    parts: list[str] = []
    total = 0
    paragraph = 0
    while total < size:
        paragraph += 1
        heading = f"Session {paragraph}\n" if paragraph % 5 == 1 else ""
        sentences = rng.sample(pool, k=6)
        block = heading + "\n".join(
            " ".join(sentences[i : i + 2]) if not sentences[i].startswith(("-", "1", "2", "3"))
            else sentences[i]
            for i in range(0, 6, 2)
        ) + "\n\n"
        parts.append(block)
        total += len(block.encode("utf-8"))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="comma-separated sizes in bytes (default: 10 KB, 100 KB, 1 MB)")
    parser.add_argument("--lang", choices=("en", "fr", "both"), default="both")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    languages = ("en", "fr") if args.lang == "both" else (args.lang,)
    print(f"{'lang':<5} {'bytes':>10} {'seconds':>8} {'cpu s':>8} {'candidates':>10} "
          f"{'s per MB':>8}")
    for lang in languages:
        for size in sizes:
            text = generate(size, lang)
            started, cpu = time.perf_counter(), time.process_time()
            found = extract(text, DIALOGUE, lang=lang)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            actual = len(text.encode("utf-8"))
            print(f"{lang:<5} {actual:>10} {elapsed:>8.2f} {cpu:>8.2f} {len(found):>10} "
                  f"{elapsed / actual * 1_000_000:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
