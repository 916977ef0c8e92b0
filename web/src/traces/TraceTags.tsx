// A trace's tags (from the x-reinforge-tags header) as pills.
export function TraceTags({ tags }: { tags: string[] }) {
  return (
    <span className="trace-tags">
      {tags.map((tag) => (
        <span key={tag} className="trace-tag">
          {tag}
        </span>
      ))}
    </span>
  );
}
