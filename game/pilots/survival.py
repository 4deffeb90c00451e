"""The autopilot of the survival level kind."""

from __future__ import annotations

import math

from game.pilots.base import KindPilot
from game.sim.kinds.survival import asteroid_positions, config, state
from game.sim.world import World


class SurvivalPilot(KindPilot):
    kind = "survival"
    TOP_SPEED = 330.0  # m/s: the fastest it dares fly among the rocks

    def fly(self, world: World) -> set[str]:
        """Run from the ellipse through the rocks: fly a wanted velocity away from it (toward
        an anomaly when it is far), swerve round the asteroids on the course, sweep for data
        when it is safe."""
        cmds: set[str] = set()
        st = state(world)
        e = world.ellipse
        b = world.bodies
        i = world.player.body
        sx, sy = world.ship_pos()
        vx, vy = float(b.vel[i, 0]), float(b.vel[i, 1])
        r = self._ellipse_r(world, sx, sy) if e.scale > 0 else math.inf
        dx, dy = sx - e.x, sy - e.y
        d = math.hypot(dx, dy) or 1.0
        ax, ay = dx / d, dy / d  # away from the ellipse
        pos, vel = asteroid_positions(world)
        live = st.alive
        rel = pos[live] - (sx, sy)
        # head for an unspent anomaly while the ellipse is far and it is not behind us
        if r > 2.6 and st.anomaly_alive.any():
            apos = st.anomaly_pos[st.anomaly_alive] - (sx, sy)
            dist = (apos**2).sum(axis=1) ** 0.5
            k = int(dist.argmin())
            if dist[k] < 2500.0 and (apos[k, 0] * ax + apos[k, 1] * ay) > -0.3 * dist[k]:
                w = 0.8 if dist[k] > config(world).scan_range * 0.6 else 0.0
                ax, ay = ax + w * apos[k, 0] / dist[k] * 1.5, ay + w * apos[k, 1] / dist[k] * 1.5
                n = math.hypot(ax, ay) or 1.0
                ax, ay = ax / n, ay / n
        speed = max(140.0, min(self.TOP_SPEED, e.speed * 1.05 + 50.0 * max(0.0, 2.4 - r)))
        wx, wy = ax * speed, ay * speed
        # swerve round the rocks the wanted course would hit in the next seconds
        if rel.shape[0]:
            radius = st.radius[live] + world.spec.collision_radius + 45.0
            rvx = wx - vel[live, 0]
            rvy = wy - vel[live, 1]
            v2 = rvx * rvx + rvy * rvy + 1e-6
            tca = (rel[:, 0] * rvx + rel[:, 1] * rvy) / v2
            cx = rel[:, 0] - rvx * tca
            cy = rel[:, 1] - rvy * tca
            miss = (cx * cx + cy * cy) ** 0.5
            danger = (tca > 0) & (tca < 3.5) & (miss < radius)
            for j in danger.nonzero()[0]:
                m = float(miss[j]) or 1.0
                # push the wanted velocity sideways, away from the rock's closest point
                push = (float(radius[j]) - m) / float(radius[j]) * speed * 1.2
                wx -= float(cx[j]) / m * push
                wy -= float(cy[j]) / m * push
            # slow down when a rock is close and dead ahead
            close = (rel[:, 0] ** 2 + rel[:, 1] ** 2) ** 0.5 - radius
            if (danger & (close < 250.0)).any():
                ws = math.hypot(wx, wy) or 1.0
                slow = min(1.0, max(0.55, 1.0 - 0.45 * (1.0 if r > 1.8 else 0.0)))
                wx, wy = wx / ws * speed * slow, wy / ws * speed * slow
        ex, ey = wx - vx, wy - vy
        if math.hypot(ex, ey) > 12.0:
            err = self._steer(world, math.atan2(ey, ex), cmds)
            if abs(err) < 0.45:
                cmds.add("thrust")
            elif abs(err) > 2.6:
                cmds.add("reverse")
        # sweep for data when the ellipse is not close (it costs the engines power)
        if r > 2.2 and (st.near_anomaly >= 0 or (r > 3.0 and not cmds & {"thrust"})):
            cmds.add("scan")
        return cmds
