#pragma once
// Progress on stderr for long CLI steps. On a terminal one line is rewritten in place
// (\r, at most ten times a second); when stderr is a file or pipe a line is written at each
// quarter so logs stay short. Safe to call from the worker threads of the core.

#include <QElapsedTimer>
#include <QString>

#include <mutex>

#include "core/progress.h"

namespace ql::cli {

class ProgressLine
{
public:
    explicit ProgressLine(QString label);
    ~ProgressLine();

    ProgressFn callback();
    // Writes the final state (and the newline on a terminal).
    void finish();

private:
    void update(long long done, long long total);
    void draw(long long done, long long total);

    QString m_label;
    bool m_tty;
    bool m_finished = false;
    int m_lastQuarter = -1;
    long long m_done = 0;
    long long m_total = 0;
    QElapsedTimer m_sinceDraw;
    std::mutex m_mutex;
};

} // namespace ql::cli
