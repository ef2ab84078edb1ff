import MutualLedger
import Projections
import Testing

/// ``EventKeyIndex`` against a plain dictionary: the item number of every id, through growth,
/// repeated ids and ids that share one half (seeded, the same ids on every run).
struct EventKeyIndexTests {
    @Test(arguments: [0, 1, 767, 768, 5_000, 40_000])
    func answersAsADictionaryWould(count: Int) {
        var index = EventKeyIndex()
        var expected: [EventKey: Int] = [:]
        var generator = SplitMix64(seed: UInt64(count) + 1)   // reproducible
        var order: [EventKey] = []
        for step in 0..<count {
            // Every fourth id shares its high half with the previous one; every seventh repeats an earlier id.
            let key: EventKey
            if step % 7 == 6, let earlier = order.randomElement(using: &generator) {
                key = earlier
            } else if step % 4 == 3, let last = order.last {
                key = EventKey(high: last.high, low: generator.next())
            } else {
                key = EventKey(high: generator.next(), low: generator.next())
            }
            let added = index.insertIfAbsent(key)
            #expect(added == (expected[key] == nil))
            if added {
                expected[key] = order.count
                order.append(key)
            }
        }
        #expect(index.count == order.count)
        for (key, item) in expected {
            #expect(index[key] == item)
            #expect(index.key(at: item) == key)
        }
        for _ in 0..<100 {
            let absent = EventKey(high: generator.next(), low: generator.next())
            #expect(index[absent] == nil)
        }
    }

    @Test func equalWhenTheSameIdsWereInsertedInTheSameOrder() {
        let a = EventKey(high: 1, low: 2), b = EventKey(high: 3, low: 4)
        var first = EventKeyIndex(), second = EventKeyIndex(), swapped = EventKeyIndex()
        first.insertIfAbsent(a); first.insertIfAbsent(b)
        second.insertIfAbsent(a); second.insertIfAbsent(b); second.insertIfAbsent(a)
        swapped.insertIfAbsent(b); swapped.insertIfAbsent(a)
        #expect(first == second)
        #expect(first != swapped)
        #expect(first != EventKeyIndex())
    }
}

/// The per-item state a report keeps for every event it reads stays at most 72 bytes (it was 80
/// before the mission body was boxed): a million events keep a million items.
struct RecordItemSizeTests {
    @Test func anItemIsAtMost72Bytes() {
        #expect(MemoryLayout<RecordStream.Item>.stride <= 72)
        #expect(MemoryLayout<RecordBody>.size <= 17)
    }
}
