#include "core/lessons/lesson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include "core/error.h"

namespace ql {

const std::vector<std::string>& lessonVisuals()
{
    static const std::vector<std::string> v = {"none",  "value_histogram", "error_histogram",
                                               "drift", "inspector",       "exits",
                                               "exit_policy", "table"};
    return v;
}

const std::vector<std::string>& lessonLayerSelectors()
{
    static const std::vector<std::string> v = {"first_weighted", "last_weighted",
                                               "widest_channel_spread", "first_folded_bn",
                                               "largest_weighted"};
    return v;
}

const std::vector<std::string>& lessonRequirements()
{
    static const std::vector<std::string> v = {"weighted", "folded_bn", "multi_exit", "labelled",
                                               "per_channel_weights"};
    return v;
}

const std::vector<std::string>& lessonActionNames()
{
    static const std::vector<std::string> v = {"rounding", "requantization", "weight_granularity",
                                               "activation_observer", "largest_layer_weight_bits"};
    return v;
}

namespace {

bool contains(const std::vector<std::string>& list, const std::string& s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::string joined(const std::vector<std::string>& list)
{
    std::string out;
    for (const std::string& s : list) {
        if (!out.empty())
            out += ", ";
        out += s;
    }
    return out;
}

class Reader
{
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& what) const
    {
        throw Error(m_file + ": " + path + ": " + what);
    }

    // A string, or an array of strings joined with newlines (long texts read better split).
    std::string text(const QJsonObject& o, const char* key, const std::string& path,
                     bool required) const
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const std::string p = path.empty() ? key : path + "." + key;
        if (v.isUndefined()) {
            if (required)
                fail(p, "missing");
            return {};
        }
        if (v.isString())
            return v.toString().toStdString();
        if (v.isArray()) {
            std::string out;
            const QJsonArray a = v.toArray();
            for (int i = 0; i < a.size(); ++i) {
                if (!a[i].isString())
                    fail(p + "[" + std::to_string(i) + "]", "must be a string");
                if (i)
                    out += '\n';
                out += a[i].toString().toStdString();
            }
            return out;
        }
        fail(p, "must be a string or an array of strings");
    }

    std::string oneOf(const QJsonObject& o, const char* key, const std::string& path,
                      const std::vector<std::string>& allowed, const std::string& def) const
    {
        const std::string s = text(o, key, path, false);
        if (s.empty())
            return def;
        if (!contains(allowed, s))
            fail(path + "." + key, "'" + s + "' is not one of " + joined(allowed));
        return s;
    }

    LessonStep step(const QJsonObject& o, const std::string& path) const
    {
        LessonStep s;
        s.title = text(o, "title", path, true);
        s.text = text(o, "text", path, true);
        s.layer = text(o, "layer", path, false);
        s.visual = oneOf(o, "visual", path, lessonVisuals(), "none");
        const QJsonValue req = o.value(QLatin1String("requires"));
        if (!req.isUndefined()) {
            if (!req.isObject())
                fail(path + ".requires", "must be an object {requirement: text}");
            const QJsonObject r = req.toObject();
            for (auto it = r.begin(); it != r.end(); ++it) {
                const std::string key = it.key().toStdString();
                if (!contains(lessonRequirements(), key))
                    fail(path + ".requires." + key,
                         "unknown requirement (one of " + joined(lessonRequirements()) + ")");
                s.requirements[key] = text(r, key.c_str(), path + ".requires", true);
            }
        }
        const QJsonValue t = o.value(QLatin1String("try"));
        if (!t.isUndefined()) {
            if (!t.isObject())
                fail(path + ".try", "must be an object");
            const QJsonObject to = t.toObject();
            const std::string tp = path + ".try";
            LessonTryIt tryIt;
            tryIt.label = text(to, "label", tp, true);
            tryIt.action = oneOf(to, "action", tp, lessonActionNames(), "");
            if (tryIt.action.empty())
                fail(tp + ".action", "missing");
            tryIt.value = text(to, "value", tp, true);
            tryIt.after = text(to, "after", tp, true);
            s.tryIt = tryIt;
        }
        return s;
    }

private:
    std::string m_file;
};

} // namespace

Lesson parseLesson(const std::string& bytes, const std::string& displayName)
{
    Reader r(displayName);
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(bytes), &err);
    if (err.error != QJsonParseError::NoError)
        throw Error(displayName + ": invalid JSON at offset " + std::to_string(err.offset) + ": " +
                    err.errorString().toStdString());
    if (!doc.isObject())
        r.fail("(root)", "must be an object");
    const QJsonObject root = doc.object();
    Lesson lesson;
    lesson.file = displayName;
    lesson.id = QFileInfo(QString::fromStdString(displayName)).completeBaseName().toStdString();
    lesson.title = r.text(root, "title", "", true);
    lesson.layer = r.text(root, "layer", "", false);
    const QJsonValue steps = root.value(QLatin1String("steps"));
    if (!steps.isArray() || steps.toArray().isEmpty())
        r.fail("steps", "must be a non-empty array");
    const QJsonArray a = steps.toArray();
    for (int i = 0; i < a.size(); ++i) {
        const std::string path = "steps[" + std::to_string(i) + "]";
        if (!a[i].isObject())
            r.fail(path, "must be an object");
        lesson.steps.push_back(r.step(a[i].toObject(), path));
    }
    return lesson;
}

Lesson loadLessonFile(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot read: " + f.errorString().toStdString());
    return parseLesson(f.readAll().toStdString(), path);
}

std::vector<Lesson> loadLessons(const std::string& dir)
{
    const QDir d(QString::fromStdString(dir));
    if (!d.exists())
        throw Error(dir + ": lesson folder not found");
    const QStringList files = d.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        throw Error(dir + ": no lesson files (*.json)");
    std::vector<Lesson> lessons;
    for (const QString& f : files)
        if (!f.startsWith(QLatin1Char('_'))) // _labels.json etc.: not lessons
            lessons.push_back(loadLessonFile(d.filePath(f).toStdString()));
    return lessons;
}

std::string lessonDirectory(const std::string& lessonsRoot, const std::string& language)
{
    const QDir root(QString::fromStdString(lessonsRoot));
    const QString lang = QString::fromStdString(language);
    for (const QString& candidate : {lang, lang.section(QLatin1Char('_'), 0, 0)})
        if (!candidate.isEmpty() && root.exists(candidate))
            return root.filePath(candidate).toStdString();
    return root.filePath(QStringLiteral("en")).toStdString();
}

} // namespace ql
