#include "app/text_table.h"

#include <algorithm>

namespace ql::cli {

void TextTable::addColumn(const QString& title, Align align)
{
    m_columns.push_back({title, align});
}

void TextTable::addRow(const QStringList& cells)
{
    m_rows.push_back(cells);
}

QString TextTable::render(int indent) const
{
    const size_t n = m_columns.size();
    std::vector<qsizetype> widths(n, 0);
    for (size_t c = 0; c < n; ++c) {
        widths[c] = m_columns[c].title.size();
        for (const QStringList& row : m_rows)
            widths[c] = std::max(widths[c], row.value(qsizetype(c)).size());
    }
    const QString pad(indent, QLatin1Char(' '));
    auto line = [&](const QStringList& cells) {
        QString out = pad;
        for (size_t c = 0; c < n; ++c) {
            const QString cell = cells.value(qsizetype(c));
            const bool last = c + 1 == n;
            if (m_columns[c].align == Align::Right)
                out += cell.rightJustified(widths[c]);
            else
                out += last ? cell : cell.leftJustified(widths[c]);
            if (!last)
                out += QStringLiteral("  ");
        }
        return out + QLatin1Char('\n');
    };
    QStringList titles;
    QStringList rules;
    for (size_t c = 0; c < n; ++c) {
        titles << m_columns[c].title;
        rules << QString(widths[c], QLatin1Char('-'));
    }
    QString out = line(titles) + line(rules);
    for (const QStringList& row : m_rows)
        out += line(row);
    return out;
}

} // namespace ql::cli
