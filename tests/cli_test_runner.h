#pragma once
// Runs the built quantlens-cli (path from the QL_CLI_PATH compile definition) through QProcess
// for the end-to-end CLI tests.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace ql::testing {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliResult runCli(const QStringList& args, int timeoutMs = 300000)
{
    QProcess p;
    p.start(QStringLiteral(QL_CLI_PATH), args);
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

inline QString demoModel()
{
    return QStringLiteral(QL_RESOURCE_DIR "/models/multiexit_cnn.onnx");
}

} // namespace ql::testing
