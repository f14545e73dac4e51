"""What the Models tab says of an embedding model: it is for finding passages in attached
documents, not for chat (in the catalog's details and in an installed one's)."""

from __future__ import annotations

from desktop.ui.models.item_models import ITEM_ROLE
from tests.fake_ollama import all_minilm

NOTE = "For finding passages in attached documents; not for chat."


def test_the_catalog_says_what_an_embedding_model_is_for(qtbot, tab):
    tab.library.show_embedding.setChecked(True)
    p = tab.library_presenter.proxy
    rows = {p.index(r, 0).data(ITEM_ROLE).full_name: r for r in range(p.rowCount())}
    name = next(n for n in rows if n.startswith("all-minilm"))
    tab.library.table.selectRow(rows[name])
    assert NOTE in tab.library.details.text()
    chat = next(n for n in rows if n.startswith("gemma3:"))
    tab.library.table.selectRow(rows[chat])
    assert NOTE not in tab.library.details.text()


def test_an_installed_embedding_model_says_it_too(qtbot, tab, fake_ollama):
    fake_ollama.install(all_minilm())
    tab.model_library.refresh_installed()
    model = tab.installed_presenter.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10000)
    tab.tabs.setCurrentWidget(tab.installed)
    row = next(r for r in range(model.rowCount()) if "all-minilm" in str(model.index(r, 0).data()))
    tab.installed.table.selectRow(row)
    qtbot.waitUntil(lambda: NOTE in tab.installed.details.toPlainText(), timeout=5000)
    other = 1 - row
    tab.installed.table.selectRow(other)
    qtbot.waitUntil(lambda: "gemma3" in tab.installed.details.toPlainText(), timeout=5000)
    assert NOTE not in tab.installed.details.toPlainText()
