from osce_kg.web import create_app
from osce_kg.store.remote import engine as eng
def test_probe(remote_settings, monkeypatch):
    orig = eng.Engine.query
    def q(self, text, **kw):
        try:
            return orig(self, text, **kw)
        except Exception as e:
            print("FAILED QUERY\n", text[text.index("SELECT"):][:2500], "\nERR", str(e)[:300]); raise
    monkeypatch.setattr(eng.Engine, "query", q)
    c = create_app(remote_settings).test_client()
    for path in ["/class/Chairpersonship?q=1999"]:
        r = c.get(path, headers={"Accept": "application/json"})
        print("STATUS", path, r.status_code, r.get_data(as_text=True)[:300])
