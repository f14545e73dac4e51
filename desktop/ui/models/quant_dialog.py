"""Quantization explained: bits per weight, size against F16, the trade-off in one line."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models.quant import ADVICE, DEFAULT_LEVEL, LEVELS

# lupdate sees these literals; the table in core keeps the English source text.
_TRADEOFFS = (
    QT_TRANSLATE_NOOP("Quant", "2-bit; large quality loss, only for big models on small machines."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "2-bit; large quality loss."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "3-bit importance-matrix format; better than Q3_K_S at its size."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "3-bit; noticeable loss, for when 4-bit does not fit."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "4-bit floating point used by some mixture-of-experts models."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "4-bit with a non-linear grid; similar to Q4_K_S."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Compact 4-bit; close to Q4_K_S, a little smaller."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Extreme compression; the model is badly damaged."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Full precision; twice the size of F16 and no better for chat."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Near-lossless; a good choice when memory allows."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Older 4-bit format; fast, a bit more loss than Q4_K_M."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Older 4-bit format; prefer Q4_K_M."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Older 5-bit format; prefer Q5_K_M."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Original quality (bfloat16); as large and slow as F16."),  # noqa: E501
    QT_TRANSLATE_NOOP(
        "Quant", "Original quality; four times a 4-bit file and much slower on a CPU."
    ),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Practically indistinguishable from F16 at half the size."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Slightly smaller than Q4_K_M with a little more loss."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Smallest 3-bit; clear quality loss."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "The usual default: small and fast with a small quality loss."),  # noqa: E501
    QT_TRANSLATE_NOOP(
        "Quant", "Very close to the original; a little larger and slower than 4-bit."
    ),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Very close to the original; slightly smaller than Q5_K_M."),  # noqa: E501
    QT_TRANSLATE_NOOP("Quant", "Very small 3-bit; clear quality loss."),  # noqa: E501
    QT_TRANSLATE_NOOP(
        "Quant",
        "Start with a model of about 3B parameters at Q4_K_M (4-bit). If answers come too slowly, take a smaller model; if they are not smart enough and memory allows, take a larger model before a higher-bit quantization. Below 4-bit quality drops quickly; above 6-bit it hardly improves.",  # noqa: E501
    ),
)


def tr_quant(text: str) -> str:
    return QCoreApplication.translate("Quant", text)


class QuantDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quantization explained"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A quantized model stores each weight in fewer bits. Smaller files load faster "
                "and, on a CPU, generate faster, because every token reads all the weights once. "
                "The cost is some quality."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(LEVELS), 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Level"),
                self.tr("Bits per weight"),
                self.tr("Size vs F16"),
                self.tr("Trade-off"),
            ]
        )
        for row, q in enumerate(LEVELS):
            name = q.name + (self.tr(" (default)") if q.name == DEFAULT_LEVEL else "")
            cells = (
                name,
                f"{q.block_bpw:g} ({q.file_bpw:g})",
                f"{q.size_vs_f16:.0%}",
                tr_quant(q.tradeoff),
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        note = QLabel(
            self.tr(
                "Bits per weight: the block format's exact figure, and in "
                "brackets a typical whole file (some tensors stay larger)."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        advice = QLabel("<b>" + tr_quant(ADVICE) + "</b>")
        advice.setWordWrap(True)
        layout.addWidget(advice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
