// The run's event log: the backend's events, a launched command's output and Reinforge's own
// notes, oldest first. It follows new lines unless the person has scrolled up to read.
import { useLayoutEffect, useRef } from "react";
import type { TrainingEvent } from "../api/trainingTypes";
import { formatClockTime } from "../format/time";
import { EmptyState } from "../ui/States";

const FOLLOW_MARGIN_PX = 24;

export function TrainingEventLog({ events }: { events: TrainingEvent[] }) {
  const listRef = useRef<HTMLOListElement>(null);
  const follow = useRef(true);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && follow.current) list.scrollTop = list.scrollHeight;
  }, [events.length]);

  if (events.length === 0) return <EmptyState title="No events yet">The backend's events and your trainer's output show here as they come.</EmptyState>;
  return (
    <ol
      className="event-log"
      ref={listRef}
      data-testid="training-events"
      aria-label="Event log"
      tabIndex={0}
      onScroll={(event) => {
        const list = event.currentTarget;
        follow.current = list.scrollHeight - list.scrollTop - list.clientHeight < FOLLOW_MARGIN_PX;
      }}
    >
      {events.map((event) => (
        <li key={event.seq} className={`event-line event-${event.level}`} data-level={event.level}>
          <time dateTime={event.at} title={event.at}>
            {formatClockTime(event.at)}
          </time>
          <span className="event-message">{event.message}</span>
        </li>
      ))}
    </ol>
  );
}
