// quantlens-cli: the engine from the command line. One file per command (cli_<name>.cpp);
// this file only dispatches and maps errors to exit codes.
#include <QCoreApplication>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <system_error>

#include "app/cli_command.h"
#include "core/error.h"
#include "core/parallel.h"

namespace ql::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> table = {
        {"info", "Show a model's layers, shapes, parameters, MACs and exits", runInfo},
        {"run", "Evaluate a model in FP32 on a folder of images (top-1 per exit)", runRun},
        {"config", "Write (init) or validate (check) a quantization config", runConfig},
        {"evaluate", "Quantize, run with integer arithmetic and compare with FP32", runEvaluate},
        {"explain", "Walk through the integer arithmetic of one output element", runExplain},
        {"sensitivity", "Per layer and bit width: what quantizing only that layer costs", runSensitivity},
        {"autoquant", "Search per-layer bit widths that meet an accuracy target or budget", runAutoquant},
        {"lessons", "Walk the guided lessons on live values; write an HTML handout", runLessons},
        {"export", "Write the quantized model for ONNX Runtime, AIMET and other toolchains", runExport},
    };
    return table;
}

CancelToken& interruptToken()
{
    static CancelToken token;
    return token;
}

} // namespace ql::cli

namespace {

using namespace ql::cli;

QString generalHelp()
{
    QString text = QStringLiteral(
        "Usage: quantlens-cli <command> [options]\n\n"
        "See what quantization costs an ONNX model: layers and MACs, FP32 accuracy per exit.\n\n"
        "Commands:\n");
    for (const Command& c : commands())
        text += QStringLiteral("  %1  %2\n").arg(QString::fromLatin1(c.name).leftJustified(12),
                                                 QString::fromLatin1(c.summary));
    text += QStringLiteral(
        "\nOptions:\n"
        "  -h, --help     Show this help ('quantlens-cli <command> --help' for a command)\n"
        "  -V, --version  Show the version\n\n"
        "Exit status: 0 success, 2 usage error, 3 bad input (unreadable model or data).\n");
    return text;
}

const Command* findCommand(const QString& name)
{
    for (const Command& c : commands())
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

int usageError(const QString& message, const QString& hintCommand)
{
    const QString hint = hintCommand.isEmpty() ? QStringLiteral("quantlens-cli --help")
                                               : QStringLiteral("quantlens-cli %1 --help")
                                                     .arg(hintCommand);
    printErr(QStringLiteral("quantlens-cli: %1\nTry '%2'.\n").arg(message, hint));
    return ExitUsage;
}

extern "C" void onInterrupt(int)
{
    // Lock-free atomic store: async-signal-safe. A second Ctrl+C kills as usual.
    interruptToken().cancel();
    std::signal(SIGINT, SIG_DFL);
}

int dispatch(const QStringList& args)
{
    if (args.isEmpty()) {
        printErr(generalHelp());
        return ExitUsage;
    }
    const QString& first = args.front();
    if (first == QLatin1String("-h") || first == QLatin1String("--help")) {
        printOut(generalHelp());
        return ExitOk;
    }
    if (first == QLatin1String("-V") || first == QLatin1String("--version")) {
        printOut(QStringLiteral("quantlens-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    if (first == QLatin1String("help")) {
        if (args.size() == 1) {
            printOut(generalHelp());
            return ExitOk;
        }
        if (const Command* c = findCommand(args[1]))
            return c->run({QStringLiteral("--help")});
        return usageError(QStringLiteral("unknown command '%1'").arg(args[1]), {});
    }
    if (first.startsWith(QLatin1Char('-')))
        return usageError(QStringLiteral("unknown option '%1'").arg(first), {});
    const Command* command = findCommand(first);
    if (!command)
        return usageError(QStringLiteral("unknown command '%1'").arg(first), {});
    return command->run(args.mid(1));
}

// Output printed to stdout is a save too (`config init > cfg.json`): a full disk or
// `> /dev/full` must not end in exit 0 with a truncated file. Buffered bytes are flushed here
// and any write error seen on stdout is reported.
int checkStandardOutput()
{
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    if (flushed && !std::ferror(stdout))
        return ExitOk;
    int err = standardOutputError(); // the first failure, when a print already failed
    if (err == 0)
        err = !flushed && errno != 0 ? errno : EIO;
    std::fprintf(stderr, "quantlens-cli: standard output: cannot write: %s\n",
                 std::error_code(err, std::generic_category()).message().c_str());
    return ExitBadInput;
}

} // namespace

int main(int argc, char** argv)
{
    ql::keepWorkBuffersMapped();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quantlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUANTLENS_VERSION));
    std::signal(SIGINT, onInterrupt);

    try {
        const int code = dispatch(QCoreApplication::arguments().mid(1));
        return code == ExitOk ? checkStandardOutput() : code;
    } catch (const UsageError& e) {
        return usageError(QString::fromStdString(e.what()), e.command());
    } catch (const ql::Cancelled&) {
        printErr(QStringLiteral("quantlens-cli: cancelled\n"));
        return ExitCancelled;
    } catch (const ql::Error& e) {
        // The core's message is one line naming the file and the problem.
        QString message = QString::fromStdString(e.what());
        message.replace(QLatin1Char('\n'), QStringLiteral("; "));
        printErr(QStringLiteral("quantlens-cli: %1\n").arg(message));
        return ExitBadInput;
    } catch (const std::exception& e) {
        printErr(QStringLiteral("quantlens-cli: internal error: %1\n")
                     .arg(QString::fromStdString(e.what())));
        return ExitInternal;
    }
}
