#pragma once
// Plain-text table for terminal output: columns padded to their widest cell, numbers
// right-aligned, a dashed rule under the header.

#include <QString>
#include <QStringList>

#include <vector>

namespace ql::cli {

class TextTable
{
public:
    enum class Align { Left, Right };

    void addColumn(const QString& title, Align align = Align::Left);
    void addRow(const QStringList& cells);
    // indent: spaces before every line.
    QString render(int indent = 2) const;

private:
    struct Column
    {
        QString title;
        Align align;
    };
    std::vector<Column> m_columns;
    std::vector<QStringList> m_rows;
};

} // namespace ql::cli
