#include "widgets/quant_layer_delegates.h"

#include <QComboBox>
#include <QSpinBox>

#include "widgets/quant_layer_model.h"

namespace ql {

namespace {

bool isBitsColumn(int column)
{
    return column == QuantLayerModel::WeightBitsColumn ||
           column == QuantLayerModel::ActivationBitsColumn;
}

} // namespace

QWidget* QuantLayerDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                          const QModelIndex& index) const
{
    const int column = index.column();
    if (isBitsColumn(column)) {
        auto* spin = new QSpinBox(parent);
        spin->setRange(2, 16);
        spin->setAlignment(Qt::AlignRight);
        spin->setToolTip(tr("Bit width, 2..16 (Enter to apply, Esc to cancel)"));
        return spin;
    }
    const QList<QuantChoice>& choices = QuantLayerModel::choices(column);
    if (choices.isEmpty())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto* combo = new QComboBox(parent);
    for (const QuantChoice& choice : choices) {
        combo->addItem(choice.label, choice.key);
        combo->setItemData(combo->count() - 1, choice.toolTip, Qt::ToolTipRole);
    }
    // Picking a choice is the edit: commit and close at once.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto* self = const_cast<QuantLayerDelegate*>(this);
        emit self->commitData(combo);
        emit self->closeEditor(combo);
    });
    return combo;
}

void QuantLayerDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
        spin->setValue(value.toInt());
        spin->selectAll();
        return;
    }
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void QuantLayerDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                      const QModelIndex& index) const
{
    if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
        spin->interpretText();
        if (spin->value() != index.data(Qt::EditRole).toInt())
            model->setData(index, spin->value(), Qt::EditRole);
        return;
    }
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        const QString key = combo->currentData().toString();
        if (key != index.data(Qt::EditRole).toString())
            model->setData(index, key, Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

void QuantLayerDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                                              const QModelIndex& index) const
{
    Q_UNUSED(index);
    // Combos are wider than their column: grow to the right rather than clip the label.
    QRect rect = option.rect;
    rect.setWidth(std::max(rect.width(), editor->sizeHint().width()));
    editor->setGeometry(rect);
}

} // namespace ql
