// JobSlot, the one background-job mechanism: results of the current job are published on the
// GUI thread, a superseded or cancelled job's result is dropped (held back by a latch until
// the newer one is published, so the order is forced, not hoped for), failures and
// cancellation are reported, and the work sees the slot's thread count.
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <stdexcept>

#include "widgets/job_slot.h"

using ql::JobSlot;
using ql::RunControl;

class TestJobSlot : public QObject
{
    Q_OBJECT
private slots:
    void publishesOnTheGuiThread()
    {
        JobSlot slot;
        QSignalSpy busy(&slot, &JobSlot::busyChanged);
        QThread* publishedOn = nullptr;
        int value = 0;
        slot.start(QStringLiteral("answer"), [&](const RunControl&) {
            return std::function<void()>([&] {
                value = 42;
                publishedOn = QThread::currentThread();
            });
        });
        QVERIFY(slot.isBusy());
        QCOMPARE(slot.description(), QStringLiteral("answer"));
        slot.waitForWorkers();
        QCOMPARE(value, 42);
        QCOMPARE(publishedOn, QThread::currentThread());
        QVERIFY(!slot.isBusy());
        QCOMPARE(busy.count(), 2); // true, then false
    }

    void supersededResultIsDropped()
    {
        JobSlot slot;
        QSemaphore release;
        QList<int> published;
        QSignalSpy dropped(&slot, &JobSlot::dropped);
        // The first job ignores its cancel token on purpose: it always delivers a result.
        const quint64 first = slot.start(QStringLiteral("first"), [&](const RunControl&) {
            release.acquire();
            return std::function<void()>([&] { published << 1; });
        });
        const quint64 second = slot.start(QStringLiteral("second"), [&](const RunControl&) {
            return std::function<void()>([&] { published << 2; });
        });
        QVERIFY(second > first);
        QTRY_VERIFY_WITH_TIMEOUT(!slot.isBusy(), 60000); // the second one is published
        QCOMPARE(published, QList<int>{2});
        release.release(); // now the first one delivers its (stale) result
        slot.waitForWorkers();
        QCOMPARE(published, QList<int>{2});
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.at(0).at(0).toULongLong(), first);
    }

    void cancelledResultIsDropped()
    {
        JobSlot slot;
        QSemaphore release;
        bool published = false;
        QSignalSpy cancelled(&slot, &JobSlot::cancelled);
        QSignalSpy dropped(&slot, &JobSlot::dropped);
        slot.start(QStringLiteral("held"), [&](const RunControl&) {
            release.acquire();
            return std::function<void()>([&] { published = true; });
        });
        QVERIFY(slot.cancel());
        QVERIFY(!slot.isBusy());
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!slot.cancel()); // nothing left to cancel
        release.release();
        slot.waitForWorkers();
        QVERIFY(!published);
        QCOMPARE(dropped.count(), 1);
    }

    void cancelTokenReachesTheWork()
    {
        JobSlot slot;
        QSemaphore started;
        bool sawCancel = false;
        slot.start(QStringLiteral("polls"), [&](const RunControl& ctl) -> std::function<void()> {
            started.release();
            while (!ctl.cancel->isCancelled())
                QThread::yieldCurrentThread();
            sawCancel = true;
            ctl.check(); // throws ql::Cancelled
            return {};
        });
        started.acquire();
        slot.cancel();
        slot.waitForWorkers();
        QVERIFY(sawCancel);
    }

    void failureIsReported()
    {
        JobSlot slot;
        QSignalSpy failed(&slot, &JobSlot::failed);
        slot.start(QStringLiteral("fails"), [](const RunControl&) -> std::function<void()> {
            throw std::runtime_error("model.onnx: node Conv_3: bad pads");
        });
        slot.waitForWorkers();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("model.onnx: node Conv_3: bad pads"));
        QVERIFY(!slot.isBusy());
    }

    void workSeesTheThreadCount()
    {
        JobSlot slot;
        slot.setThreads(1);
        int seen = -1;
        slot.start(QStringLiteral("threads"), [&](const RunControl& ctl) {
            seen = ctl.threads;
            return std::function<void()>([] {});
        });
        slot.waitForWorkers();
        QCOMPARE(seen, 1);
    }

    void resultHookRunsBeforePublishing()
    {
        JobSlot slot;
        quint64 hooked = 0;
        bool publishedBeforeHook = false;
        bool published = false;
        slot.setResultHook([&](quint64 generation) {
            publishedBeforeHook = published;
            hooked = generation;
        });
        const quint64 generation = slot.start(QStringLiteral("hooked"), [&](const RunControl&) {
            return std::function<void()>([&] { published = true; });
        });
        slot.waitForWorkers();
        QCOMPARE(hooked, generation);
        QVERIFY(!publishedBeforeHook);
        QVERIFY(published);
    }
};

QTEST_GUILESS_MAIN(TestJobSlot)
#include "test_job_slot.moc"
