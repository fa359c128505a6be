#pragma once
// GUI tests never touch the user's settings: QSettings (native and INI) and QStandardPaths
// point at a throw-away folder, under an application name of the test's own, cleared.

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

inline void useScratchSettings(const QTemporaryDir& dir, const QString& application)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("QuantLens"));
    QCoreApplication::setApplicationName(application);
    QSettings().clear();
}
