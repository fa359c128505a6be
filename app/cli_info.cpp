// quantlens-cli info MODEL.onnx [--json]: layers, shapes, parameters, MACs, exits.
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include "app/cli_command.h"
#include "app/text_table.h"
#include "core/onnx_import.h"
#include "core/text_format.h"

namespace ql::cli {

namespace {

QString shapeText(const Shape& s)
{
    return formatShape(s, QLatin1Char('x'));
}

QString countAndHuman(int64_t n)
{
    return n >= 1000 ? QStringLiteral("%1 (%2)").arg(formatCount(n), formatHuman(double(n)))
                     : formatCount(n);
}

QJsonArray shapeJson(const Shape& s)
{
    QJsonArray a;
    for (int64_t d : s)
        a.append(qint64(d));
    return a;
}

// Activation inputs only: weights and biases are initializers, counted in params.
QStringList dataInputShapes(const Model& model, const Node& node)
{
    QStringList shapes;
    for (size_t i = 0; i < node.inputs.size() && i < node.inputShapes.size(); ++i)
        if (!node.inputs[i].empty() && !model.graph.initializer(node.inputs[i]))
            shapes << shapeText(node.inputShapes[i]);
    return shapes;
}

QJsonObject modelJson(const Model& model, const QString& path)
{
    QJsonArray inputs;
    for (const ValueInfo& in : model.graph.inputs)
        inputs.append(QJsonObject{{"name", QString::fromStdString(in.name)},
                                  {"dtype", QString::fromLatin1(dtypeName(in.dtype))},
                                  {"shape", shapeJson(in.shape)}});
    QJsonArray nodes;
    for (size_t i = 0; i < model.graph.nodes.size(); ++i) {
        const Node& n = model.graph.nodes[i];
        QJsonArray ins;
        for (size_t k = 0; k < n.inputs.size(); ++k) {
            if (n.inputs[k].empty())
                continue;
            QJsonObject o{{"name", QString::fromStdString(n.inputs[k])},
                          {"initializer", model.graph.initializer(n.inputs[k]) != nullptr}};
            if (k < n.inputShapes.size())
                o.insert("shape", shapeJson(n.inputShapes[k]));
            ins.append(o);
        }
        QJsonArray outs;
        for (size_t k = 0; k < n.outputs.size(); ++k) {
            QJsonObject o{{"name", QString::fromStdString(n.outputs[k])}};
            if (k < n.outputShapes.size())
                o.insert("shape", shapeJson(n.outputShapes[k]));
            outs.append(o);
        }
        nodes.append(QJsonObject{{"index", qint64(i)},
                                 {"name", QString::fromStdString(n.name)},
                                 {"op", QString::fromStdString(n.opType)},
                                 {"inputs", ins},
                                 {"outputs", outs},
                                 {"params", qint64(n.params)},
                                 {"macs", qint64(n.macs)}});
    }
    QJsonArray exits;
    for (size_t i = 0; i < model.exits.size(); ++i) {
        const ExitInfo& e = model.exits[i];
        exits.append(QJsonObject{{"exit", QStringLiteral("exit%1").arg(i + 1)},
                                 {"output", QString::fromStdString(e.output)},
                                 {"classes", qint64(e.classes)},
                                 {"macs", qint64(e.macs)}});
    }
    return QJsonObject{
        {"file", QFileInfo(path).absoluteFilePath()},
        {"sha256", QString::fromStdString(model.sha256)},
        {"producer", QString::fromStdString(model.producer)},
        {"opset", qint64(model.opset)},
        {"inputs", inputs},
        {"nodes", nodes},
        {"totals", QJsonObject{{"nodes", qint64(model.graph.nodes.size())},
                               {"params", qint64(model.totalParams())},
                               {"macs", qint64(model.totalMacs())}}},
        {"exits", exits},
    };
}

QString modelText(const Model& model, const QString& path)
{
    QString text;
    auto field = [&text](const QString& name, const QString& value) {
        text += QStringLiteral("%1  %2\n").arg(name.leftJustified(8), value);
    };
    field(QStringLiteral("Model"), QFileInfo(path).fileName());
    field(QStringLiteral("Path"), QFileInfo(path).absoluteFilePath());
    field(QStringLiteral("SHA-256"), QString::fromStdString(model.sha256));
    field(QStringLiteral("Producer"), model.producer.empty() ? QStringLiteral("unknown")
                                                            : QString::fromStdString(model.producer));
    field(QStringLiteral("Opset"), QString::number(model.opset));
    for (const ValueInfo& in : model.graph.inputs)
        field(QStringLiteral("Input"), QStringLiteral("%1  %2  %3")
                                           .arg(QString::fromStdString(in.name), shapeText(in.shape),
                                                QString::fromLatin1(dtypeName(in.dtype))));

    TextTable nodes;
    nodes.addColumn(QStringLiteral("#"), TextTable::Align::Right);
    nodes.addColumn(QStringLiteral("Name"));
    nodes.addColumn(QStringLiteral("Op"));
    nodes.addColumn(QStringLiteral("Input shape(s)"));
    nodes.addColumn(QStringLiteral("Output shape"));
    nodes.addColumn(QStringLiteral("Params"), TextTable::Align::Right);
    nodes.addColumn(QStringLiteral("MACs"), TextTable::Align::Right);
    for (size_t i = 0; i < model.graph.nodes.size(); ++i) {
        const Node& n = model.graph.nodes[i];
        QStringList outs;
        for (const Shape& s : n.outputShapes)
            outs << shapeText(s);
        nodes.addRow({QString::number(i), QString::fromStdString(n.name),
                      QString::fromStdString(n.opType),
                      dataInputShapes(model, n).join(QStringLiteral(", ")),
                      outs.join(QStringLiteral(", ")), formatCount(n.params),
                      formatCount(n.macs)});
    }
    text += QStringLiteral("\nNodes\n") + nodes.render();
    text += QStringLiteral("\nTotals  %1 nodes, %2 params, %3 MACs per sample\n")
                .arg(formatCount(int64_t(model.graph.nodes.size())),
                     countAndHuman(model.totalParams()), countAndHuman(model.totalMacs()));

    text += QStringLiteral("\nExits (ordered by the MACs needed to reach them)\n");
    if (model.exits.empty())
        return text + QStringLiteral("  none: no graph output is a classifier\n");
    TextTable exits;
    exits.addColumn(QStringLiteral("Exit"));
    exits.addColumn(QStringLiteral("Output"));
    exits.addColumn(QStringLiteral("Classes"), TextTable::Align::Right);
    exits.addColumn(QStringLiteral("MACs to reach"), TextTable::Align::Right);
    exits.addColumn(QStringLiteral("Share"), TextTable::Align::Right);
    const double total = double(std::max<int64_t>(model.totalMacs(), 1));
    for (size_t i = 0; i < model.exits.size(); ++i) {
        const ExitInfo& e = model.exits[i];
        exits.addRow({QStringLiteral("exit%1").arg(i + 1), QString::fromStdString(e.output),
                      QString::number(e.classes), countAndHuman(e.macs),
                      formatPercent(100.0 * double(e.macs) / total, 1)});
    }
    return text + exits.render();
}

} // namespace

int runInfo(const QStringList& args)
{
    ArgParser parser(QStringLiteral("info"), QStringLiteral("info MODEL.onnx [--json]"),
                     QStringLiteral("Print every node of the model (op, input and output shapes at "
                                    "batch 1,\nparameters, MACs per sample), the totals and the "
                                    "exits (graph outputs\nordered by the MACs needed to reach "
                                    "them)."));
    parser.addPositional(QStringLiteral("MODEL.onnx"), QStringLiteral("The ONNX model to describe"));
    parser.addFlag(QStringLiteral("json"), QStringLiteral("Machine-readable JSON on stdout"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QString path = parser.positionals().front();
    const Model model = loadOnnxModel(QFile::encodeName(path).toStdString());
    if (parser.isSet(QStringLiteral("json")))
        printOut(QString::fromUtf8(QJsonDocument(modelJson(model, path)).toJson()));
    else
        printOut(modelText(model, path));
    return ExitOk;
}

} // namespace ql::cli
