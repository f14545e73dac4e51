"""Switch a chat to its previous version, and stop dead before one chosen SQL statement of
that switch (test_kill_switch.py kills this process there).

    python -m tests.chat.child_switch DB CONV_ID POSITION STATEMENT
Prints "AT <n> <sql>" and waits to be killed before the STATEMENT-th statement (1-based)
the switch runs; prints "DONE <statements run>" if the switch ends first.
"""

from __future__ import annotations

import sys
import time

from desktop.services.chat import branches
from desktop.services.chat.store import ChatStore


def main() -> int:
    db, conv_id, position, stop_at = (
        sys.argv[1],
        int(sys.argv[2]),
        int(sys.argv[3]),
        int(sys.argv[4]),
    )
    store = ChatStore(db)
    seen = [0]

    def trace(sql: str) -> None:
        seen[0] += 1
        if seen[0] == stop_at:
            print(f"AT {stop_at} {' '.join(sql.split())}", flush=True)
            time.sleep(120)  # killed here

    store.db.set_trace_callback(trace)
    branches.switch(store, conv_id, position, -1)
    print(f"DONE {seen[0]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
