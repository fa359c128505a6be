// QuantLayerModel over the demo CNN: structure through every change (QAbstractItemModelTester
// on the model and its sorting proxy), editable vs read-only flags, edits through setData
// becoming undoable QuantSession commands, multi-layer edits as one step, numeric sorting.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

#include <memory>

#include "widgets/quant_layer_model.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

using ql::QuantLayerModel;
using State = ql::QuantSession::EvaluationState;

namespace {
const QString kResources = QStringLiteral(QL_RESOURCE_DIR);
}

class TestQuantLayerModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_session = std::make_unique<ql::Session>();
        m_session->setAutoEvaluate(false);
        m_session->setDatasetLimit(60);
        m_quant = std::make_unique<ql::QuantSession>(m_session.get());
        m_quant->setCalibrationLimit(60);
        m_quant->setDebounceMs(0);
        m_model = std::make_unique<QuantLayerModel>(m_quant.get());
        m_proxy = std::make_unique<QSortFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
        m_proxy->setSortRole(QuantLayerModel::SortRole);
        // Testers watch every reset and dataChanged from here on.
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->columnCount(), int(QuantLayerModel::ColumnCount));

        QSignalSpy errors(m_quant.get(), &ql::QuantSession::failed);
        m_session->openModel(kResources + QStringLiteral("/models/multiexit_cnn.onnx"));
        m_quant->openCalibrationFolder(kResources + QStringLiteral("/data/calib"));
        waitUpToDate(errors);
        QCOMPARE(m_model->rowCount(), int(m_quant->plan()->layers.size()));
        QVERIFY(m_model->rowCount() > 10);
    }

    void headersAndReportCells()
    {
        for (int c = 0; c < QuantLayerModel::ColumnCount; ++c) {
            QVERIFY(!m_model->headerData(c, Qt::Horizontal).toString().isEmpty());
            QVERIFY(!m_model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        }
        const QModelIndex sqnr = m_model->index(0, QuantLayerModel::SqnrPropagatedColumn);
        bool ok = false;
        const double db = sqnr.data().toString().toDouble(&ok);
        QVERIFY2(ok, qPrintable(sqnr.data().toString()));
        QCOMPARE(sqnr.data(QuantLayerModel::SortRole).toDouble(),
                 m_quant->report()->layers[0].propagated.sqnrDb);
        QVERIFY(db > 0);
        QVERIFY(sqnr.data(Qt::BackgroundRole).isValid()); // coloured by value
        QVERIFY(sqnr.data(Qt::ToolTipRole).toString().contains(QStringLiteral("dB")));
        QCOMPARE(m_model->index(0, QuantLayerModel::LayerColumn).data().toString(),
                 m_quant->layerNames().front());
    }

    void flagsOfEditableAndReadOnlyColumns()
    {
        const int conv = rowOfOp("Conv");
        const int pool = rowOfOp("MaxPool");
        QVERIFY(conv >= 0 && pool >= 0);
        for (int c : {QuantLayerModel::LayerColumn, QuantLayerModel::OpColumn,
                      QuantLayerModel::OutputShapeColumn, QuantLayerModel::MacsColumn,
                      QuantLayerModel::ParamsColumn, QuantLayerModel::SqnrLocalColumn,
                      QuantLayerModel::SqnrPropagatedColumn, QuantLayerModel::ClipColumn,
                      QuantLayerModel::OverflowColumn})
            QVERIFY(!(m_model->flags(m_model->index(conv, c)) &
                      (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)));
        for (int c : {QuantLayerModel::WeightBitsColumn, QuantLayerModel::ActivationBitsColumn,
                      QuantLayerModel::SchemeColumn, QuantLayerModel::GranularityColumn,
                      QuantLayerModel::RoundingColumn, QuantLayerModel::ObserverColumn})
            QVERIFY(m_model->flags(m_model->index(conv, c)) & Qt::ItemIsEditable);
        QVERIFY(m_model->flags(m_model->index(conv, QuantLayerModel::KeepFloatColumn)) &
                Qt::ItemIsUserCheckable);
        // Weight columns mean nothing on a layer without weights.
        QVERIFY(!(m_model->flags(m_model->index(pool, QuantLayerModel::WeightBitsColumn)) &
                  Qt::ItemIsEditable));
        QVERIFY(!(m_model->flags(m_model->index(pool, QuantLayerModel::GranularityColumn)) &
                  Qt::ItemIsEditable));
        QVERIFY(m_model->flags(m_model->index(pool, QuantLayerModel::ActivationBitsColumn)) &
                Qt::ItemIsEditable);
    }

    void setDataIsAnUndoableCommand()
    {
        const int conv = rowOfOp("Conv");
        const std::string name = m_model->layerName(conv).toStdString();
        const QModelIndex bits = m_model->index(conv, QuantLayerModel::WeightBitsColumn);
        const ql::QuantConfig before = m_quant->config();
        QUndoStack* stack = m_quant->undoStack();
        const int steps = stack->count();

        QVERIFY(!m_model->setData(bits, 17)); // outside 2..16
        QVERIFY(!m_model->setData(m_model->index(conv, QuantLayerModel::MacsColumn), 5));
        QCOMPARE(stack->count(), steps);

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->setData(bits, 4));
        QVERIFY(changed.count() > 0);
        QCOMPARE(stack->count(), steps + 1);
        QCOMPARE(ql::resolveLayer(m_quant->config(), name).weights.bits, 4);
        QCOMPARE(bits.data(Qt::EditRole).toInt(), 4);
        QCOMPARE(bits.data().toString(), QStringLiteral("4"));
        QVERIFY(stack->text(stack->index() - 1).contains(QStringLiteral("W bits 4")));

        // Through the proxy: rounding on weights and activations; a checkbox.
        const QModelIndex rounding =
            m_proxy->mapFromSource(m_model->index(conv, QuantLayerModel::RoundingColumn));
        QVERIFY(m_proxy->setData(rounding, QStringLiteral("toward_zero")));
        const ql::ResolvedLayerConfig r = ql::resolveLayer(m_quant->config(), name);
        QCOMPARE(r.weights.rounding, ql::RoundingMode::TowardZero);
        QCOMPARE(r.activations.rounding, ql::RoundingMode::TowardZero);
        QCOMPARE(rounding.data().toString(), QStringLiteral("toward_zero"));
        QVERIFY(rounding.data(Qt::ToolTipRole).toString().contains(QStringLiteral("½ LSB")));
        const QModelIndex keep = m_model->index(conv, QuantLayerModel::KeepFloatColumn);
        QVERIFY(m_model->setData(keep, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(keep.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(m_quant->isReportStale());
        QVERIFY(
            m_model->index(conv, QuantLayerModel::SqnrLocalColumn).data(Qt::FontRole).isValid());

        // Undo everything: the config is exactly what it was.
        stack->setIndex(steps);
        QVERIFY(m_quant->config() == before);
        QCOMPARE(bits.data(Qt::EditRole).toInt(), 8);
        QCOMPARE(keep.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    }

    void applyEditIsOneStep()
    {
        const int conv = rowOfOp("Conv");
        const int pool = rowOfOp("MaxPool");
        const QStringList layers{m_model->layerName(conv), m_model->layerName(pool)};
        QUndoStack* stack = m_quant->undoStack();
        const int steps = stack->index();
        ql::LayerEdit edit;
        edit.weightBits = 4;
        edit.activationBits = 6;
        m_model->applyEdit(layers, edit, QStringLiteral("two layers"));
        QCOMPARE(stack->index(), steps + 1);
        QCOMPARE(stack->count(), steps + 1);
        const auto& overrides = m_quant->config().layers;
        QCOMPARE(overrides.at(layers[0].toStdString()).weights->bits, std::optional<int>(4));
        QCOMPARE(overrides.at(layers[0].toStdString()).activations->bits, std::optional<int>(6));
        QVERIFY(!overrides.at(layers[1].toStdString()).weights); // no weights: not set
        QCOMPARE(overrides.at(layers[1].toStdString()).activations->bits, std::optional<int>(6));
        stack->undo();
        QVERIFY(m_quant->config().layers.empty());
        QSignalSpy errors(m_quant.get(), &ql::QuantSession::failed);
        waitUpToDate(errors);
    }

    void sortsNumerically()
    {
        m_proxy->sort(QuantLayerModel::MacsColumn, Qt::DescendingOrder);
        double previous = 1e300;
        for (int r = 0; r < m_proxy->rowCount(); ++r) {
            const double macs = m_proxy->index(r, QuantLayerModel::MacsColumn)
                                    .data(QuantLayerModel::SortRole)
                                    .toDouble();
            QVERIFY(macs <= previous);
            previous = macs;
        }
        QCOMPARE(m_proxy->index(0, QuantLayerModel::MacsColumn)
                     .data(QuantLayerModel::SortRole)
                     .toDouble(),
                 double(1806336));
        m_proxy->sort(QuantLayerModel::LayerColumn, Qt::AscendingOrder); // plan order
        QCOMPARE(m_proxy->index(0, 0).data().toString(), m_quant->layerNames().front());
    }

    void cleanupTestCase()
    {
        m_proxyTester.reset();
        m_tester.reset();
        m_proxy.reset();
        m_model.reset();
        m_quant.reset();
        m_session.reset();
    }

private:
    int rowOfOp(const char* op) const
    {
        for (int r = 0; r < m_model->rowCount(); ++r)
            if (m_model->index(r, QuantLayerModel::OpColumn).data().toString() == QLatin1String(op))
                return r;
        return -1;
    }

    void waitUpToDate(QSignalSpy& errors)
    {
        QTRY_VERIFY_WITH_TIMEOUT((m_quant->evaluationState() == State::UpToDate &&
                                  !m_quant->isReportStale() && !m_quant->isBusy()) ||
                                     errors.count() > 0,
                                 180000);
        if (errors.count() > 0)
            QFAIL(qPrintable(errors.at(0).at(1).toString()));
    }

    std::unique_ptr<ql::Session> m_session;
    std::unique_ptr<ql::QuantSession> m_quant;
    std::unique_ptr<QuantLayerModel> m_model;
    std::unique_ptr<QSortFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

QTEST_MAIN(TestQuantLayerModel)
#include "test_quant_layer_model.moc"
