import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from siteops.heartbeat import beat
from siteops.schedule import JOBS, enqueue_due_jobs

# Tasks run between two looks at the clock, so a long queue (every demo page rendered
# after `load_demo_content`) neither delays scheduled publishing nor looks like a stale
# worker to /healthz.
TASKS_PER_PASS = 10


class Command(BaseCommand):
    help = (
        "Run the background worker: the tasks queued in the database (django-tasks-db's "
        "worker), the periodic jobs when due (scheduled publishing every minute, the "
        "applications' retention purge daily) and a heartbeat /healthz reports."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait for new tasks when the queue is empty (default 1).",
        )
        parser.add_argument(
            "--tick",
            type=float,
            default=5.0,
            help="Seconds between looking for due jobs and writing the heartbeat (default 5).",
        )

    def handle(self, *args, interval, tick, verbosity, **options):
        if verbosity < 2:
            # The queue worker logs every pass over the queue at INFO.
            logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        worker_id = get_random_string(32)
        self.stdout.write(f"Worker {worker_id} started; periodic jobs: {', '.join(JOBS)}.")
        last_tick = None
        while True:
            close_old_connections()
            if last_tick is None or time.monotonic() - last_tick >= tick:
                last_tick = time.monotonic()
                beat(worker_id)
                for name in enqueue_due_jobs():
                    if verbosity > 1:
                        self.stdout.write(f"Enqueued {name}.")
            # django-tasks-db's worker in batch mode: the ready tasks (a few at most),
            # then back here. Its signal handlers stop it after the running task, or at
            # once when idle (a second Ctrl-C stops the task too).
            queue = Worker(
                queue_names=["*"],
                interval=interval,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=TASKS_PER_PASS,
                worker_id=worker_id,
                excluded_queue_names=[],
            )
            queue.configure_signals()
            queue.run()
            if not queue.running:
                break
            if queue._run_tasks < TASKS_PER_PASS:  # The queue is empty: wait for more.
                time.sleep(interval)
        self.stdout.write(f"Worker {worker_id} stopped.")
