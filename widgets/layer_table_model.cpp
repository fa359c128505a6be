#include "widgets/layer_table_model.h"

#include "core/text_format.h"

#include <algorithm>

namespace ql {

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setModel(std::shared_ptr<const Model> model)
{
    beginResetModel();
    m_model = std::move(model);
    m_totalMacs = m_model ? m_model->totalMacs() : 0;
    m_maxNodeMacs = 0;
    if (m_model)
        for (const Node& n : m_model->graph.nodes)
            m_maxNodeMacs = std::max(m_maxNodeMacs, n.macs);
    endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_model)
        return 0;
    return static_cast<int>(m_model->graph.nodes.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

// Weights and biases are initializers; the table shows only the activations flowing in,
// the tooltip lists every input.
QString LayerTableModel::inputShapesText(const Node& node) const
{
    QStringList parts;
    for (size_t i = 0; i < node.inputs.size() && i < node.inputShapes.size(); ++i) {
        if (node.inputs[i].empty() || m_model->graph.initializer(node.inputs[i]))
            continue;
        parts << formatShape(node.inputShapes[i]);
    }
    return parts.join(QStringLiteral(", "));
}

QString LayerTableModel::toolTip(const Node& node, int row) const
{
    QString tip = QStringLiteral("<b>%1</b> (%2, node %3)<br>")
                      .arg(QString::fromStdString(node.name).toHtmlEscaped(),
                           QString::fromStdString(node.opType).toHtmlEscaped())
                      .arg(row);
    auto line = [](const std::string& name, const Shape* shape, const char* what) {
        return QStringLiteral("%1 <i>%2</i>: %3<br>")
            .arg(QLatin1String(what), QString::fromStdString(name).toHtmlEscaped(),
                 shape ? formatShape(*shape) : QStringLiteral("?"));
    };
    for (size_t i = 0; i < node.inputs.size(); ++i) {
        if (node.inputs[i].empty())
            continue;
        const Shape* s = i < node.inputShapes.size() ? &node.inputShapes[i] : nullptr;
        tip += line(node.inputs[i], s,
                    m_model->graph.initializer(node.inputs[i]) ? "weight" : "input");
    }
    for (size_t i = 0; i < node.outputs.size(); ++i) {
        const Shape* s = i < node.outputShapes.size() ? &node.outputShapes[i] : nullptr;
        tip += line(node.outputs[i], s, "output");
    }
    tip += QStringLiteral("params %1 · MACs per sample %2")
               .arg(formatCount(node.params), formatCount(node.macs));
    if (m_totalMacs > 0)
        tip += QStringLiteral(" (%1 of the model)")
                   .arg(formatPercent(100.0 * double(node.macs) / double(m_totalMacs), 1));
    return tip;
}

QVariant LayerTableModel::sortValue(const Node& node, int row, int column) const
{
    switch (column) {
    case IndexColumn: return qint64(row);
    case NameColumn: return QString::fromStdString(node.name);
    case OpColumn: return QString::fromStdString(node.opType);
    case InputShapeColumn: return inputShapesText(node);
    case OutputShapeColumn:
        return node.outputShapes.empty() ? QString() : formatShape(node.outputShapes.front());
    case ParamsColumn: return qint64(node.params);
    case MacsColumn: return qint64(node.macs);
    }
    return {};
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !m_model)
        return {};
    const int row = index.row();
    const Node& node = m_model->graph.nodes[static_cast<size_t>(row)];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == ParamsColumn || column == MacsColumn)
            return formatCount(column == ParamsColumn ? node.params : node.macs);
        if (column == IndexColumn)
            return QString::number(row);
        return sortValue(node, row, column);
    case SortRole:
        return sortValue(node, row, column);
    case MacsBarRole:
        if (column != MacsColumn || m_maxNodeMacs <= 0)
            return {};
        return double(node.macs) / double(m_maxNodeMacs);
    case Qt::TextAlignmentRole:
        if (column == IndexColumn || column == ParamsColumn || column == MacsColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        return toolTip(node, row);
    }
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char* const titles[] = {"#", "Name", "Op", "Input shape(s)",
                                             "Output shape", "Params", "MACs"};
        return QString::fromLatin1(titles[section]);
    }
    if (role == Qt::ToolTipRole) {
        static const char* const tips[] = {
            "Position in topological order",
            "Node name (unnamed ONNX nodes are named <op>_<index>)",
            "ONNX operator type",
            "Shapes of the activations flowing in, at batch 1 (weights are in the tooltip)",
            "Shape of the first output, at batch 1",
            "Learned parameters held in this node's initializers",
            "Multiply-accumulates per sample"};
        return QString::fromLatin1(tips[section]);
    }
    if (role == Qt::TextAlignmentRole) {
        const bool numeric =
            section == IndexColumn || section == ParamsColumn || section == MacsColumn;
        return QVariant::fromValue(Qt::Alignment((numeric ? Qt::AlignRight : Qt::AlignLeft) |
                                                 Qt::AlignVCenter));
    }
    return {};
}

} // namespace ql
