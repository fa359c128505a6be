#pragma once
// The application's language: Qt translations (translations/quantlens_<lang>.qm, made from
// the .ts files by lrelease at build time) and the matching lesson folder
// (resources/lessons/<lang>). Chosen by View ▸ Language (stored in QSettings "language";
// applies on the next start) or else by the system locale; English is built in.
//
// Adding a language: translations/quantlens_<lang>.ts (lupdate, then Qt Linguist), listed in
// app/CMakeLists.txt, and a resources/lessons/<lang>/ folder (see docs/lessons-format.md).

#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace ql {

// "en", "pt_BR", …: the setting, else the system locale's name.
QString uiLanguage();
// Languages that ship a translation (plus "en").
QStringList availableLanguages();
// Installs the Qt and QuantLens translators for uiLanguage() on qApp; false if none found
// (English).
bool installTranslations();
// Loads `language`'s translators on qApp (tests); "en" removes them.
bool installTranslations(const QString& language);
// resources/lessons/<lang>, falling back to en.
QString lessonDirectoryFor(const QString& language);
// View ▸ Language: one checkable entry per language; choosing one stores it and says that it
// applies on restart.
QMenu* createLanguageMenu(QWidget* parent);

} // namespace ql
