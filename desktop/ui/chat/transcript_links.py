"""The question asked before a link from model output opens in the browser (issue 10.9):
plain text only, invisible characters escaped, the scheme and host on a line of their own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.chat.links import describe_link


def link_question(href: str) -> str:
    link = describe_link(href)
    lines = [
        QCoreApplication.translate("Transcript", "The model wrote a link to:"),
        "",
        QCoreApplication.translate("Transcript", "Site: {scheme}://{host}").format(
            scheme=link.scheme, host=link.host
        )
        if link.scheme != "mailto"
        else QCoreApplication.translate("Transcript", "E-mail to: {host}").format(host=link.host),
        QCoreApplication.translate("Transcript", "Full link: {0}").format(link.full),
    ]
    if link.suspicious:
        lines += [
            "",
            QCoreApplication.translate(
                "Transcript",
                "This link holds invisible or look-alike characters (shown as \\u…): "
                "it may not go where it seems to.",
            ),
        ]
    lines += ["", QCoreApplication.translate("Transcript", "Open it in your browser?")]
    return "\n".join(lines)


def confirm_link(parent: QWidget, href: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Transcript", "Open link?"))
    box.setTextFormat(Qt.TextFormat.PlainText)  # the link is model output: never markup
    box.setText(link_question(href))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
