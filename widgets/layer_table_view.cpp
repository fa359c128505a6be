#include "widgets/layer_table_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/layer_table_model.h"
#include "core/text_format.h"

namespace ql {

namespace {

// Draws a light bar behind the MACs figure, scaled to the most expensive node, so the layers
// that dominate the cost stand out while scrolling.
class ShareBarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        const QVariant share = index.data(LayerTableModel::MacsBarRole);
        if (share.isValid() && share.toDouble() > 0.0) {
            QRect bar = option.rect.adjusted(2, 3, -2, -3);
            bar.setWidth(std::max(1, int(bar.width() * std::min(share.toDouble(), 1.0))));
            QColor color = option.palette.color(QPalette::Highlight);
            color.setAlphaF(0.22f);
            painter->fillRect(bar, color);
        }
        QStyledItemDelegate::paint(painter, option, index);
    }
};

} // namespace

LayerTableView::LayerTableView(QWidget* parent)
    : QWidget(parent), m_model(new LayerTableModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView(this)), m_filter(new QLineEdit(this)), m_count(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LayerTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // match name, op and shapes alike

    m_filter->setPlaceholderText(tr("Filter layers by name, op or shape…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        updateCountLabel();
    });

    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(LayerTableModel::IndexColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setItemDelegateForColumn(LayerTableModel::MacsColumn, new ShareBarDelegate(m_view));
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(LayerTableModel::NameColumn, QHeaderView::Stretch);

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    updateCountLabel();
}

void LayerTableView::setModel(std::shared_ptr<const Model> model)
{
    m_model->setModel(std::move(model));
    m_view->resizeColumnsToContents();
    // Room for the bar behind the MACs figures.
    m_view->setColumnWidth(LayerTableModel::MacsColumn,
                           std::max(m_view->columnWidth(LayerTableModel::MacsColumn), 130));
    updateCountLabel();
}

void LayerTableView::updateCountLabel()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == total ? formatQuantity(total, "node", "nodes")
                                    : tr("%1 of %2").arg(formatCount(shown),
                                                         formatQuantity(total, "node", "nodes")));
}

QByteArray LayerTableView::saveHeaderState() const
{
    return m_view->horizontalHeader()->saveState();
}

void LayerTableView::restoreHeaderState(const QByteArray& state)
{
    m_view->horizontalHeader()->restoreState(state);
}

} // namespace ql
