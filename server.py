"""WSGI entry point: ``gunicorn server:app``; ``python server.py`` serves like ``osce-kg serve``.

Run as a script, nothing is loaded here: gunicorn's master opens the store once, before its
workers fork. Imported by a WSGI server, the module builds ``app`` from the environment.
"""

from osce_kg.settings import Settings

if __name__ == "__main__":
    import logging

    from osce_kg import allocator
    from osce_kg.serving import serve

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    allocator.use(settings.allocator)  # may start this script again, with jemalloc
    serve(settings, on_ready=lambda url: print(f"osce-kg serving on {url}", flush=True))
else:
    from osce_kg.web import create_app

    app = create_app()
