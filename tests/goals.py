"""Small SDG plan goals for the tests of links between sections (issue 17): a goal with one
task → project → indicator, without importing the whole plan."""

from sdg_plan.models import Goal, Indicator, Project, Strategy, Task


def make_goal(code="3-3", title="기후변화 대응 모범도시 조성", un_sdg=13, *, indicator=True):
    strategy_number, number = (int(part) for part in code.split("-"))
    strategy, _ = Strategy.objects.get_or_create(
        number=strategy_number, defaults={"title": f"전략 {strategy_number}"}
    )
    goal = Goal.objects.create(
        strategy=strategy, code=code, number=number, title=title, un_sdg=un_sdg
    )
    if indicator:
        key = strategy_number * 10 + number
        task = Task.objects.create(goal=goal, number=key, title=f"이행과제 {key}")
        project = Project.objects.create(task=task, number=key, name=f"세부사업 {key}")
        Indicator.objects.create(project=project, number=key, name=f"지표 {key}")
    return goal
