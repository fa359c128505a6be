#pragma once
// The Quantize page's editable layer table: one row per layer of the plan (after fusion),
// showing the resolved config and the latest report's errors. Edits go through the
// QuantSession as undoable commands; the model itself holds no config state.
//
// Sorting: SortRole gives numbers as numbers. Report columns turn grey while the report
// belongs to an older config (an evaluation is pending).

#include <QAbstractTableModel>
#include <QList>

#include <map>
#include <string>

#include "core/quant/quant_config.h"
#include "widgets/quant_options.h"

namespace ql {

class QuantSession;
struct LayerReport;
struct PlannedLayer;

class QuantLayerModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LayerColumn,
        OpColumn,
        OutputShapeColumn,
        MacsColumn,
        ParamsColumn,
        WeightBitsColumn,
        ActivationBitsColumn,
        SchemeColumn,
        GranularityColumn,
        RoundingColumn,
        ObserverColumn,
        KeepFloatColumn,
        SqnrLocalColumn,
        SqnrPropagatedColumn,
        ClipColumn,
        OverflowColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;      // numbers as double, text as text
    static constexpr int LayerNameRole = Qt::UserRole + 2; // on every column

    // SQNR colour thresholds (dB): below Red is red, below Amber amber, else green.
    static constexpr double kSqnrRed = 20.0;
    static constexpr double kSqnrAmber = 30.0;

    explicit QuantLayerModel(QuantSession* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    QuantSession* session() const { return m_session; }
    QString layerName(int row) const;
    int rowOf(const QString& layer) const; // -1 if absent
    bool isEditableColumn(int column) const;

    // Applies `edit` to `layers` as one undoable step.
    void applyEdit(const QStringList& layers, const LayerEdit& edit, const QString& description,
                   const QString& mergeKey = {});

    // Combo-box columns (Scheme, Granularity, Rounding, Observer): the choices in order.
    static const QList<QuantChoice>& choices(int column);
    // The legend of the SQNR colours, for tooltips.
    static QString sqnrLegend();

private:
    const PlannedLayer& layer(int row) const;
    const LayerReport* reportOf(int row) const;
    QString outputShape(int row) const;
    QVariant displayValue(int row, int column) const;
    QVariant sortValue(int row, int column) const;
    QVariant editValue(int row, int column) const;
    QString toolTip(int row, int column) const;
    static QString scaleZeroText(const QuantParams& p);
    QVariant background(int row, int column) const;
    QVariant foreground(int row, int column) const;
    std::optional<LayerEdit> editFor(int column, const QVariant& value, int role) const;
    void rebuildReportIndex();
    void emitColumnsChanged(int first, int last);

    QuantSession* m_session;
    std::map<std::string, int> m_reportRow; // layer name -> index in report()->layers
};

} // namespace ql
