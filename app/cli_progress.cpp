#include "app/cli_progress.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace ql::cli {

ProgressLine::ProgressLine(QString label)
    : m_label(std::move(label)), m_tty(::isatty(::fileno(stderr)) == 1)
{
    // In a log, the first line is written at 25 %; a terminal shows 0 % at once.
    if (!m_tty)
        m_lastQuarter = 0;
    m_sinceDraw.start();
}

ProgressLine::~ProgressLine()
{
    // An exception unwinding past us must not leave the cursor mid-line.
    if (m_tty && !m_finished && m_total > 0)
        std::fputs("\n", stderr);
}

ProgressFn ProgressLine::callback()
{
    return [this](long long done, long long total) { update(done, total); };
}

void ProgressLine::update(long long done, long long total)
{
    std::lock_guard lock(m_mutex);
    if (m_finished || total <= 0)
        return;
    m_done = done;
    m_total = total;
    const int quarter = int(4 * std::min(done, total) / total);
    if (m_tty) {
        const bool complete = done >= total;
        if (m_lastQuarter >= 0 && (complete ? m_lastQuarter == 4 : m_sinceDraw.elapsed() < 100))
            return;
        m_lastQuarter = quarter;
        m_sinceDraw.restart();
        draw(done, total);
    } else if (quarter > m_lastQuarter) {
        m_lastQuarter = quarter;
        draw(done, total);
    }
}

void ProgressLine::draw(long long done, long long total)
{
    const int percent = int(100 * std::min(done, total) / total);
    const QString text =
        QStringLiteral("%1: %2 % (%3/%4)").arg(m_label).arg(percent).arg(done).arg(total);
    if (m_tty)
        std::fprintf(stderr, "\r\033[K%s", text.toUtf8().constData());
    else
        std::fprintf(stderr, "%s\n", text.toUtf8().constData());
    std::fflush(stderr);
}

void ProgressLine::finish()
{
    std::lock_guard lock(m_mutex);
    if (m_finished)
        return;
    m_finished = true;
    if (m_total <= 0)
        return;
    if (m_tty) {
        if (m_lastQuarter < 4)
            draw(m_total, m_total);
        std::fputs("\n", stderr);
    } else if (m_lastQuarter < 4) {
        draw(m_total, m_total);
    }
}

} // namespace ql::cli
