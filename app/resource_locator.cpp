#include "app/resource_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ql {

QString resourceDir()
{
    const QStringList candidates = {
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/quantlens"),
        QStringLiteral(QUANTLENS_INSTALLED_RESOURCE_DIR),
        QStringLiteral(QUANTLENS_RESOURCE_DIR),
    };
    for (const QString& dir : candidates)
        if (QFileInfo(dir + QStringLiteral("/models")).isDir())
            return QDir::cleanPath(dir);
    return QDir::cleanPath(QStringLiteral(QUANTLENS_RESOURCE_DIR));
}

QString demoModelPath()
{
    return resourceDir() + QStringLiteral("/models/multiexit_cnn.onnx");
}

QString demoDataDir()
{
    return resourceDir() + QStringLiteral("/data/eval");
}

QString demoCalibDir()
{
    return resourceDir() + QStringLiteral("/data/calib");
}

} // namespace ql
