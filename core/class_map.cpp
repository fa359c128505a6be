#include "core/class_map.h"

#include <QFile>
#include <QRegularExpression>
#include <QString>

#include "core/error.h"

namespace ql {

ClassMap parseClassMap(const std::string& text, const std::string& displayName)
{
    ClassMap map;
    int position = 0; // among the class lines
    int lineNumber = 0;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        QString line = QString::fromUtf8(text.data() + start, static_cast<int>(end - start));
        start = end + 1;
        ++lineNumber;
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype split = line.indexOf(QRegularExpression(QStringLiteral("[ \\t]")));
        const QString name = split < 0 ? line : line.left(split);
        const QString rest = split < 0 ? QString() : line.mid(split + 1).trimmed();
        bool isIndex = false;
        const int index = rest.toInt(&isIndex);
        const auto where = [&] { return displayName + ":" + std::to_string(lineNumber) + ": "; };
        if (isIndex && index < 0)
            throw Error(where() + "negative index " + rest.toStdString());
        if (!map.emplace(name.toStdString(), isIndex ? index : position).second)
            throw Error(where() + "folder '" + name.toStdString() + "' is listed twice");
        ++position;
    }
    if (map.empty())
        throw Error(displayName + ": no classes (expected lines '<folder name> <index>')");
    return map;
}

ClassMap loadClassMap(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open class map (" + file.errorString().toStdString() + ")");
    return parseClassMap(file.readAll().toStdString(), path);
}

void applyClassMap(Dataset& data, const ClassMap& map, int64_t modelClasses,
                   const std::string& mapName)
{
    if (!data.labelled())
        return;
    std::vector<int> outputIndex(data.classes.size(), -1);
    for (size_t c = 0; c < data.classes.size(); ++c) {
        auto it = map.find(data.classes[c]);
        if (it == map.end())
            throw Error(mapName + ": no entry for class folder '" + data.classes[c] + "' of " +
                        data.root);
        if (modelClasses > 0 && it->second >= modelClasses)
            throw Error(mapName + ": folder '" + data.classes[c] + "' maps to output " +
                        std::to_string(it->second) + ", but the model has " +
                        std::to_string(modelClasses) + " outputs");
        outputIndex[c] = it->second;
    }
    for (int& label : data.labels)
        if (label >= 0)
            label = outputIndex[static_cast<size_t>(label)];
}

bool applyConfiguredClassMap(Dataset& data, const Preprocess& pp, int64_t modelClasses)
{
    if (pp.classMap.empty())
        return false;
    applyClassMap(data, loadClassMap(pp.classMap), modelClasses, pp.classMap);
    return true;
}

std::optional<std::string> classMatchWarning(const Dataset& data, int64_t modelClasses,
                                             bool mapped)
{
    if (!data.labelled() || mapped || modelClasses <= 0)
        return std::nullopt;
    const int64_t folders = static_cast<int64_t>(data.classes.size());
    if (folders == modelClasses)
        return std::nullopt;
    return std::to_string(folders) + " class folder" + (folders == 1 ? "" : "s") + " in " +
           data.root + " against " + std::to_string(modelClasses) +
           " model outputs: the folders are labelled 0.." + std::to_string(folders - 1) +
           " by sorted name, which cannot be the model's classes; top-1 is meaningless "
           "without a class map (--class-map FILE or the config's preprocessing.class_map)";
}

} // namespace ql
