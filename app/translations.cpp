#include "app/translations.h"

#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

#include "app/resource_locator.h"

namespace ql {

namespace {

const QString kSetting = QStringLiteral("language");

QStringList translationDirs()
{
    return {QCoreApplication::applicationDirPath() + QStringLiteral("/../share/quantlens/translations"),
            QStringLiteral(QUANTLENS_INSTALLED_RESOURCE_DIR "/translations"),
            QStringLiteral(QUANTLENS_TRANSLATIONS_DIR)};
}

QTranslator*& appTranslator()
{
    static QTranslator* t = nullptr;
    return t;
}

QTranslator*& qtTranslator()
{
    static QTranslator* t = nullptr;
    return t;
}

QString nativeName(const QString& language)
{
    const QLocale locale(language);
    const QString name = locale.nativeLanguageName();
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    QString territory = locale.nativeTerritoryName();
    return territory.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, territory);
}

} // namespace

QString uiLanguage()
{
    const QString chosen = QSettings().value(kSetting).toString();
    if (!chosen.isEmpty())
        return chosen;
    const QString system = QLocale::system().name(); // e.g. pt_BR
    for (const QString& l : availableLanguages())
        if (l == system || l == system.section(QLatin1Char('_'), 0, 0))
            return l;
    // pt_PT and other Portuguese locales read Brazilian Portuguese better than English.
    for (const QString& l : availableLanguages())
        if (l.section(QLatin1Char('_'), 0, 0) == system.section(QLatin1Char('_'), 0, 0))
            return l;
    return QStringLiteral("en");
}

QStringList availableLanguages()
{
    QStringList out = {QStringLiteral("en")};
    for (const QString& dir : translationDirs())
        for (const QFileInfo& f : QDir(dir).entryInfoList({QStringLiteral("quantlens_*.qm")}, QDir::Files, QDir::Name)) {
            const QString lang = f.completeBaseName().mid(int(qstrlen("quantlens_")));
            if (!out.contains(lang))
                out << lang;
        }
    return out;
}

bool installTranslations(const QString& language)
{
    for (QTranslator** t : {&appTranslator(), &qtTranslator()}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    QLocale::setDefault(QLocale(language));
    if (language == QLatin1String("en"))
        return false;
    auto* app = new QTranslator(qApp);
    bool loaded = false;
    for (const QString& dir : translationDirs())
        if (!loaded && app->load(QStringLiteral("quantlens_") + language, dir))
            loaded = true;
    if (!loaded) {
        delete app;
        return false;
    }
    QCoreApplication::installTranslator(app);
    appTranslator() = app;
    // Qt's own strings (standard dialogs, "&Undo"…), when Debian's qt6-translations-l10n is there.
    auto* qt = new QTranslator(qApp);
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator() = qt;
    } else {
        delete qt;
    }
    return true;
}

bool installTranslations()
{
    return installTranslations(uiLanguage());
}

QString lessonDirectoryFor(const QString& language)
{
    const QDir root(resourceDir() + QStringLiteral("/lessons"));
    for (const QString& candidate : {language, language.section(QLatin1Char('_'), 0, 0)})
        if (!candidate.isEmpty() && root.exists(candidate))
            return root.filePath(candidate);
    return root.filePath(QStringLiteral("en"));
}

QMenu* createLanguageMenu(QWidget* parent)
{
    auto* menu = new QMenu(QApplication::translate("ql::MainWindow", "&Language"), parent);
    auto* group = new QActionGroup(menu);
    const QString current = uiLanguage();
    for (const QString& language : availableLanguages()) {
        QAction* a = menu->addAction(nativeName(language));
        a->setCheckable(true);
        a->setChecked(language == current);
        a->setData(language);
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, parent, [parent, language, current] {
            QSettings().setValue(kSetting, language);
            if (language != current)
                QMessageBox::information(
                    parent, QApplication::translate("ql::MainWindow", "Language"),
                    QApplication::translate("ql::MainWindow",
                                            "QuantLens will use %1 from the next start.")
                        .arg(nativeName(language)));
        });
    }
    return menu;
}

} // namespace ql
