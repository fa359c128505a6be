#pragma once
// Editors for the Quantize page's layer table: a spin box (2..16) for the bit widths and a
// combo box of explained choices for scheme, granularity, rounding and observer. A combo
// commits as soon as a choice is picked, so one click (or Enter) makes one undoable edit.

#include <QStyledItemDelegate>

namespace ql {

class QuantLayerDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const override;
};

} // namespace ql
