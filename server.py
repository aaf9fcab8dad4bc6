"""WSGI entry point: ``gunicorn server:app``, or ``python server.py`` to serve with the defaults."""

from osce_kg.web import create_app

app = create_app()

if __name__ == "__main__":
    from osce_kg.serving import serve

    serve(app.config["OSCE_KG_SETTINGS"])
