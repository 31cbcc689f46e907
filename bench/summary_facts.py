"""How often the streamed /career summary of the configured model passes the fact check.

    .venv/bin/python bench/summary_facts.py [--runs 10]
    LLM_PROVIDER=local LOCAL_MODEL_PATH=/path/model.gguf .venv/bin/python bench/summary_facts.py

Each run asks for the summary of a real /career paths result (five skill sets in turn, a new
seed each run, a cold prompt cache) exactly as the cog does (`stream_summary`, then
`ground_summary`): a run passes when something grounded is left to show (at least 8 words, no
number the figures do not contain). Prints each run and the pass count.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from careermate_bot.config import build_settings
from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.llm import LLMError, create_llm_client
from careermate_bot.services.career import CareerRequest, CareerService
from careermate_bot.services.career import summary as career_summary
from careermate_bot.services.profile import ProfileService
from careermate_bot.storage.database import close_db, init_db

REQUESTS = [
    CareerRequest(user_id=1, skills="Python, SQL", location="Austin, TX"),
    CareerRequest(user_id=2, skills="nursing, patient care, Excel", location="Chicago, IL"),
    CareerRequest(user_id=3, skills="sales, negotiation, CRM", experience_years=4),
    CareerRequest(user_id=4, skills="JavaScript, React, CSS", target_role="Web Developer"),
    CareerRequest(user_id=5, skills="accounting, Excel, bookkeeping", location="Denver, CO"),
]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--show", action="store_true", help="print the raw and grounded text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = build_settings(data_dir=Path(tmp), log_dir=Path(tmp) / "logs", database_url="")
        await init_db(settings)
        kb = KnowledgeBase.load(Path(tmp))
        client = await create_llm_client(settings)
        print(f"model {client.provider}:{client.model}; {args.runs} runs", flush=True)
        passed = 0
        try:
            for run in range(args.runs):
                request = REQUESTS[run % len(REQUESTS)]
                paths = await CareerService(kb, ProfileService(kb)).career_paths(request)
                llama = getattr(client.backend, "llama", None)
                if llama is not None:
                    llama.reset()
                started = time.perf_counter()
                text = ""
                try:
                    async for delta in career_summary.stream_summary(
                        client, paths, user_id=request.user_id, display_name="Sam"
                    ):
                        text += delta
                except LLMError as error:
                    print(f"run {run + 1}: error {error.kind}: {error}")
                    continue
                grounded = career_summary.ground_summary(text, paths, "Sam")
                passed += bool(grounded)
                verdict = "PASS" if grounded else "fail"
                seconds = time.perf_counter() - started
                print(f"run {run + 1:>2} ({request.skills}): {verdict} in {seconds:.1f} s")
                if args.show:
                    print(f"    shown by the stream: {text!r}\n    grounded: {grounded!r}")
        finally:
            await client.aclose()
            kb.close()
            await close_db()
    print(f"\nthe summary passed the fact check in {passed} of {args.runs} runs")


if __name__ == "__main__":
    asyncio.run(main())
