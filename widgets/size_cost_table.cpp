#include "widgets/size_cost_table.h"

#include <QHeaderView>

#include "core/text_format.h"

namespace ql {

SizeCostTable::SizeCostTable(QWidget* parent) : QTableWidget(parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->setVisible(false);
    setAlternatingRowColors(true);
    setColumnCount(11);
    setHorizontalHeaderLabels({tr("Layer"), tr("W bits"), tr("A bits"), tr("Weights"), tr("Zeros"),
                               tr("FP32 (B)"), tr("W8A8 (B)"), tr("Mixed (B)"), tr("Sparse (B)"),
                               tr("Bit-ops W8A8"), tr("Bit-ops mixed")});
    horizontalHeaderItem(8)->setToolTip(
        tr("Bitmap (1 bit per weight) + the non-zero codes, where smaller than dense"));
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
}

void SizeCostTable::clearTable()
{
    setRowCount(0);
}

void SizeCostTable::setTable(const SizeTable& t)
{
    setRowCount(0);
    auto addRow = [&](const SizeRow& r, const QString& name, bool total) {
        const int row = rowCount();
        insertRow(row);
        const bool weighted = r.weights > 0 && !total;
        auto bitsText = [&](int bits) {
            return weighted ? (bits >= 32 ? tr("float") : QString::number(bits)) : QString();
        };
        const QStringList cells{
            name, bitsText(r.weightBits), bitsText(r.activationBits), formatCount(r.weights),
            r.weights ? formatPercent(100.0 * double(r.zeros) / double(r.weights), 1) : QString(),
            formatCount(r.fp32Bytes), formatCount(r.w8a8Bytes), formatCount(r.mixedBytes),
            formatCount(r.sparseBytes), formatHuman(r.w8a8BitOps), formatHuman(r.mixedBitOps)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(c > 0 ? Qt::AlignRight | Qt::AlignVCenter
                                         : Qt::AlignLeft | Qt::AlignVCenter);
            if (total) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            setItem(row, c, item);
        }
    };
    for (const SizeRow& r : t.rows)
        addRow(r, r.layer.empty() ? tr("(other parameters)") : QString::fromStdString(r.layer),
               false);
    addRow(t.total, tr("Total"), true);
}

QString SizeCostTable::summary(const SizeTable& t)
{
    const double ratio = t.total.mixedBytes > 0
                             ? double(t.total.w8a8Bytes) / double(t.total.mixedBytes)
                             : 0.0;
    return tr("FP32 %1 B → W8A8 %2 B → current %3 B (%4 bits avg, %5× smaller than W8A8)%6; "
              "bit-ops %7 → %8 per sample.")
        .arg(formatCount(t.total.fp32Bytes), formatCount(t.total.w8a8Bytes),
             formatCount(t.total.mixedBytes))
        .arg(t.mixedAverageBits, 0, 'f', 2)
        .arg(ratio, 0, 'f', 2)
        .arg(t.total.sparseBytes < t.total.mixedBytes
                 ? tr(", with bitmap-encoded zeros %1 B").arg(formatCount(t.total.sparseBytes))
                 : QString())
        .arg(formatHuman(t.total.w8a8BitOps), formatHuman(t.total.mixedBitOps));
}

} // namespace ql
