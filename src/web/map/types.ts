// Shapes of the map API answers (src/server/map/routes.ts) as the web app reads them.
export interface PlaceFigures {
  code: string;
  posts: number;
  projects: number;
}

export interface MapFigures {
  total: { posts: number; projects: number };
  countries: PlaceFigures[];
  regions: PlaceFigures[];
}

export interface PlaceDetail {
  code: string;
  type: 'country' | 'region';
  name: string;
  posts: number;
  projects: number;
  truncated: boolean;
  organizations: { id: string; name: string; category: string; country: string; posts: { id: string; title: string; kind: string; status: string; role: string }[] }[];
  overlaps: { score: number | null; related: boolean; posts: { id: string; title: string; organization: string; organizationId: string }[] }[];
}

export type Measure = 'posts' | 'projects';
