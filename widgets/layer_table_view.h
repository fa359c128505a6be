#pragma once
// The layer table with its filter box: LayerTableModel behind a sorting/filtering proxy.

#include <QWidget>

#include <memory>

#include "core/graph.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ql {

class LayerTableModel;

class LayerTableView : public QWidget
{
    Q_OBJECT
public:
    explicit LayerTableView(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const Model> model);

    QTableView* tableView() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    QSortFilterProxyModel* proxyModel() const { return m_proxy; }
    LayerTableModel* layerModel() const { return m_model; }

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray& state);

private:
    void updateCountLabel();

    LayerTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QLabel* m_count;
};

} // namespace ql
