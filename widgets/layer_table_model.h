#pragma once
// Table model over the nodes of a loaded ql::Model: one row per node in topological order.
// Numbers are displayed with thousands separators and sorted by value through SortRole.

#include <QAbstractTableModel>

#include <memory>

#include "core/graph.h"

namespace ql {

class LayerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IndexColumn, NameColumn, OpColumn, InputShapeColumn, OutputShapeColumn,
                  ParamsColumn, MacsColumn, ColumnCount };
    // Raw value for sorting: numbers as qint64, text as QString.
    static constexpr int SortRole = Qt::UserRole + 1;
    // On the MACs column: this node's MACs relative to the most expensive node (0..1), the
    // length of the bar drawn behind the figure.
    static constexpr int MacsBarRole = Qt::UserRole + 2;

    explicit LayerTableModel(QObject* parent = nullptr);

    void setModel(std::shared_ptr<const Model> model);
    const Model* model() const { return m_model.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString inputShapesText(const Node& node) const;
    QString toolTip(const Node& node, int row) const;
    QVariant sortValue(const Node& node, int row, int column) const;

    std::shared_ptr<const Model> m_model;
    int64_t m_totalMacs = 0;
    int64_t m_maxNodeMacs = 0;
};

} // namespace ql
