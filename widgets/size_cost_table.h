#pragma once
// The size / bit-ops comparison of a SizeTable (core/quant/size_table.h): one row per layer
// with weights (bits, weights, zero share, bytes for FP32 / W8A8 / the config / the config with
// bitmap-encoded zeros, bit-ops for W8A8 and the config) and a bold total row; summary() is a
// one-line account of the totals for a label above it.

#include <QTableWidget>

#include "core/quant/size_table.h"

namespace ql {

class SizeCostTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit SizeCostTable(QWidget* parent = nullptr);

    void setTable(const SizeTable& table);
    void clearTable();
    static QString summary(const SizeTable& table);
};

} // namespace ql
