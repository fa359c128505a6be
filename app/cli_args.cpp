#include "app/cli_command.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>

namespace ql::cli {

ArgParser::ArgParser(QString command, QString usage, QString description)
    : m_command(std::move(command)), m_usage(std::move(usage)),
      m_description(std::move(description))
{
}

void ArgParser::addFlag(const QString& name, const QString& help)
{
    m_options.push_back({name, {}, help, false, {}});
}

void ArgParser::addOption(const QString& name, const QString& valueName, const QString& help)
{
    m_options.push_back({name, valueName, help, false, {}});
}

void ArgParser::addPositional(const QString& name, const QString& help)
{
    m_positionalSpecs.emplace_back(name, help);
}

ArgParser::Option* ArgParser::find(const QString& name)
{
    for (Option& o : m_options)
        if (o.name == name)
            return &o;
    return nullptr;
}

const ArgParser::Option* ArgParser::find(const QString& name) const
{
    return const_cast<ArgParser*>(this)->find(name);
}

void ArgParser::fail(const QString& message) const
{
    throw UsageError(m_command, message);
}

void ArgParser::parse(const QStringList& args)
{
    bool optionsEnded = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (optionsEnded || !arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-")) {
            m_positionals << arg;
            continue;
        }
        if (arg == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            m_help = true;
            continue;
        }
        // --name=value or --name value
        const qsizetype eq = arg.indexOf(QLatin1Char('='));
        const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
        Option* option = arg.startsWith(QLatin1String("--")) ? find(name) : nullptr;
        if (!option)
            fail(QStringLiteral("unknown option '%1'").arg(eq < 0 ? arg : arg.left(eq)));
        if (option->valueName.isEmpty()) {
            if (eq >= 0)
                fail(QStringLiteral("option '--%1' takes no value").arg(name));
            option->set = true;
            continue;
        }
        if (eq >= 0) {
            option->value = arg.mid(eq + 1);
        } else {
            if (i + 1 >= args.size())
                fail(QStringLiteral("option '--%1' needs a value (%2)")
                         .arg(name, option->valueName));
            option->value = args[++i];
        }
        option->set = true;
    }
    if (m_help)
        return;
    const qsizetype expected = static_cast<qsizetype>(m_positionalSpecs.size());
    if (m_positionals.size() < expected)
        fail(QStringLiteral("missing %1").arg(m_positionalSpecs[m_positionals.size()].first));
    if (m_positionals.size() > expected)
        fail(QStringLiteral("unexpected argument '%1'").arg(m_positionals[expected]));
}

bool ArgParser::isSet(const QString& name) const
{
    const Option* o = find(name);
    return o && o->set;
}

QString ArgParser::value(const QString& name) const
{
    const Option* o = find(name);
    return o ? o->value : QString();
}

QString ArgParser::required(const QString& name) const
{
    if (!isSet(name))
        fail(QStringLiteral("missing --%1 %2").arg(name, find(name)->valueName));
    return value(name);
}

int ArgParser::intValue(const QString& name, int def, int minimum) const
{
    if (!isSet(name))
        return def;
    bool ok = false;
    const int v = value(name).toInt(&ok);
    if (!ok || v < minimum)
        fail(QStringLiteral("option '--%1' expects an integer >= %2, got '%3'")
                 .arg(name)
                 .arg(minimum)
                 .arg(value(name)));
    return v;
}

QString ArgParser::helpText() const
{
    QString text = QStringLiteral("Usage: quantlens-cli %1\n\n%2\n").arg(m_usage, m_description);
    auto section = [&text](const QString& title, const QList<QPair<QString, QString>>& rows) {
        if (rows.isEmpty())
            return;
        qsizetype width = 0;
        for (const auto& r : rows)
            width = std::max(width, r.first.size());
        text += QStringLiteral("\n%1:\n").arg(title);
        for (const auto& r : rows)
            text += QStringLiteral("  %1  %2\n").arg(r.first.leftJustified(width), r.second);
    };
    QList<QPair<QString, QString>> positionals;
    for (const auto& p : m_positionalSpecs)
        positionals.append({p.first, p.second});
    QList<QPair<QString, QString>> options;
    for (const Option& o : m_options)
        options.append({o.valueName.isEmpty() ? QStringLiteral("--") + o.name
                                              : QStringLiteral("--%1 %2").arg(o.name, o.valueName),
                        o.help});
    options.append({QStringLiteral("-h, --help"), QStringLiteral("Show this help")});
    section(QStringLiteral("Arguments"), positionals);
    section(QStringLiteral("Options"), options);
    return text;
}

namespace {

std::atomic<int> g_stdoutError{0}; // progress may print from worker threads

void noteStdoutFailure()
{
    int none = 0;
    g_stdoutError.compare_exchange_strong(none, errno != 0 ? errno : EIO);
}

} // namespace

void printOut(const QString& text)
{
    if (std::fputs(text.toUtf8().constData(), stdout) == EOF)
        noteStdoutFailure();
}

int standardOutputError()
{
    return g_stdoutError.load();
}

void printErr(const QString& text)
{
    if (std::fflush(stdout) == EOF)
        noteStdoutFailure();
    std::fputs(text.toUtf8().constData(), stderr);
}

} // namespace ql::cli
