#pragma once
// quantlens-cli plumbing shared by the commands: the command table entry, exit codes, the
// usage error and a small argument parser that generates each command's --help.
//
// Adding a command = one cli_<name>.cpp defining `int runXxx(const QStringList& args)` plus
// one line in the table in cli_main.cpp.

#include <QString>
#include <QStringList>

#include <cstdio>
#include <stdexcept>
#include <vector>

#include "core/progress.h"

namespace ql::cli {

enum ExitCode { ExitOk = 0, ExitInternal = 1, ExitUsage = 2, ExitBadInput = 3, ExitCancelled = 130 };

struct Command
{
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args); // args after the command name
};

const std::vector<Command>& commands();

// A mistake on the command line: exit 2, one-line message plus a hint to the command's help.
class UsageError : public std::runtime_error
{
public:
    UsageError(const QString& command, const QString& message)
        : std::runtime_error(message.toStdString()), m_command(command)
    {
    }
    const QString& command() const { return m_command; }

private:
    QString m_command;
};

class ArgParser
{
public:
    // usage: e.g. "info MODEL.onnx [--json]"; description: a few lines shown by --help.
    ArgParser(QString command, QString usage, QString description);

    void addFlag(const QString& name, const QString& help);
    void addOption(const QString& name, const QString& valueName, const QString& help);
    void addPositional(const QString& name, const QString& help);

    // Throws UsageError on an unknown option, a missing value or a wrong argument count
    // (positional count is checked only when --help is not given).
    void parse(const QStringList& args);

    bool helpRequested() const { return m_help; }
    bool isSet(const QString& name) const;
    QString value(const QString& name) const;
    QString required(const QString& name) const; // throws UsageError if absent
    // Integer option >= minimum; def when absent. Throws UsageError on anything else.
    int intValue(const QString& name, int def, int minimum) const;
    QStringList positionals() const { return m_positionals; }
    QString helpText() const;
    [[noreturn]] void fail(const QString& message) const;

private:
    struct Option
    {
        QString name;
        QString valueName; // empty for a flag
        QString help;
        bool set = false;
        QString value;
    };
    Option* find(const QString& name);
    const Option* find(const QString& name) const;

    QString m_command;
    QString m_usage;
    QString m_description;
    std::vector<Option> m_options;
    std::vector<std::pair<QString, QString>> m_positionalSpecs;
    QStringList m_positionals;
    bool m_help = false;
};

// The commands, one file each.
int runInfo(const QStringList& args); // cli_info.cpp
int runRun(const QStringList& args);  // cli_run.cpp
int runConfig(const QStringList& args);   // cli_config.cpp
int runEvaluate(const QStringList& args); // cli_evaluate.cpp
int runExplain(const QStringList& args);  // cli_explain.cpp
int runSensitivity(const QStringList& args); // cli_sensitivity.cpp
int runAutoquant(const QStringList& args);   // cli_autoquant.cpp
int runLessons(const QStringList& args);     // cli_lessons.cpp
int runExport(const QStringList& args);      // cli_export.cpp

// Set by Ctrl+C; long commands pass it to the core through RunControl::cancel.
CancelToken& interruptToken();

// UTF-8 output helpers.
void printOut(const QString& text);
void printErr(const QString& text);
// The errno of the first failed write to stdout by printOut (0: none yet). main() reports it:
// output sent to a full disk or /dev/full is a failed save, not exit 0.
int standardOutputError();

} // namespace ql::cli
