#pragma once
// Number and shape formatting shared by the CLI and the widgets. Header-only and QtCore-only,
// so quantlens-cli can use it without linking Qt Widgets.
//
// A fixed English locale keeps output identical on every machine (tests compare text).

#include <QLocale>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>

#include "core/tensor.h"

namespace ql {

// 1234567 -> "1,234,567"
inline QString formatCount(int64_t n)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(static_cast<qlonglong>(n));
}

// 1823456789 -> "1.82 G", 25418 -> "25.4 k", 512 -> "512": three significant digits.
inline QString formatHuman(double n)
{
    static const char* const suffixes[] = {"", " k", " M", " G", " T", " P"};
    int i = 0;
    double v = n;
    while (std::abs(v) >= 999.5 && i < 5) {
        v /= 1000.0;
        ++i;
    }
    if (i == 0)
        return QString::number(static_cast<qlonglong>(std::llround(v)));
    const int decimals = std::abs(v) < 9.995 ? 2 : (std::abs(v) < 99.95 ? 1 : 0);
    return QString::number(v, 'f', decimals) + QLatin1String(suffixes[i]);
}

// "1×16×28×28" for display; "?" marks an unknown dim; a scalar is "scalar".
inline QString formatShape(const Shape& s, QChar separator = QChar(0x00D7))
{
    if (s.empty())
        return QStringLiteral("scalar");
    QStringList parts;
    parts.reserve(static_cast<qsizetype>(s.size()));
    for (int64_t d : s)
        parts << (d < 0 ? QStringLiteral("?") : QString::number(d));
    return parts.join(separator);
}

// "1 image", "1,000 images": English plurals without a translation catalogue.
inline QString formatQuantity(int64_t n, const char* singular, const char* pluralForm)
{
    return formatCount(n) + QLatin1Char(' ') +
           QString::fromUtf8(n == 1 ? singular : pluralForm);
}

inline QString formatPercent(double v, int decimals = 2)
{
    return QString::number(v, 'f', decimals) + QStringLiteral(" %");
}

} // namespace ql
